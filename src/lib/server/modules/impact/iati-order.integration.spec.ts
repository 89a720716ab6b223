import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { ANONYMOUS, type Actor, type ServiceContext } from '#lib/server/core';
import { impact } from './index';
import {
	ACTIVITY,
	all,
	assertAttrs,
	assertSequence,
	BASELINE,
	INDICATOR,
	parseXml,
	PERIOD,
	RESULT,
	TARGET_OR_ACTUAL,
	TEXT,
	type Node
} from './iati-203.testing';

/**
 * The IATI 2.03 activity file as the export writes it from the database (approved values with their
 * disaggregations, targets, a baseline), checked against the standard's element order, occurrences and
 * required attributes for result, indicator, baseline, period, target, actual and dimension.
 */
let db: TestDb;
const kgA = actor('coord-kg-a', [{ role: 'coalition_coordinator', country: 'KG', organizationId: null }]);
const kgB = actor('coord-kg-b', [{ role: 'coalition_coordinator', country: 'KG', organizationId: null }]);
const regional = actor('coord-all', [{ role: 'coalition_coordinator', country: null, organizationId: null }]);
const NOW = new Date('2026-11-20T10:00:00Z');
const ctx = (a: Actor): ServiceContext => db.ctx({ actor: a, now: NOW, locale: 'en' });
const ORG = { ref: 'KG-INN-01234567890123', name: 'Test coalition', type: '22' };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

let activity: Node;

beforeAll(async () => {
	db = await createTestDb({ seed: true });
	const { id: resultId } = await impact.createResult(ctx(regional), {
		title: { en: 'Women use finance', ru: 'Женщины пользуются финансами' }
	});
	const { id: trained } = await impact.createIndicator(ctx(regional), {
		resultId,
		title: { en: 'Women trained', ky: 'Окутулган аялдар' },
		definition: { en: 'Women who finished a course.' },
		unit: 'people',
		numericType: 'integer',
		direction: 'increase',
		dimensions: ['age_band', 'urban_rural'],
		baselineValue: '40',
		baselinePeriod: '2025'
	});
	const { id: share } = await impact.createIndicator(ctx(regional), {
		resultId,
		title: { en: 'Share with a bank account' },
		unit: '%',
		numericType: 'percent',
		direction: 'increase'
	});
	await impact.setTarget(ctx(kgA), { indicatorId: trained, period: '2026', country: 'KG', value: '300' });
	await impact.setTarget(ctx(kgA), { indicatorId: share, period: '2026-Q3', country: 'KG', value: '35' });
	const entered = [
		{
			indicatorId: trained,
			period: '2026',
			total: '212',
			parts: { age_band: { '18-29': '80', '30-49': '132' }, urban_rural: { urban: '120', rural: '92' } }
		},
		{ indicatorId: share, period: '2026-Q3', total: '31.5', parts: {} }
	];
	for (const v of entered) {
		await impact.enterValue(ctx(kgA), { ...v, country: 'KG', evidence: 'Course lists and bank letters' });
	}
	for (const p of await impact.pendingValues(ctx(kgB)))
		await impact.decideValue(ctx(kgB), { valueId: p.id, decision: 'approve' });
	const xml = await impact.exportIati(ctx(ANONYMOUS), { country: 'KG' }, ORG);
	const root = parseXml(xml);
	expect(root.attrs.version).toBe('2.03');
	activity = root.children[0];
});
afterAll(async () => {
	await db?.close();
});

describe('the IATI 2.03 activity file from the database', () => {
	it('the activity follows the standard’s sequence', () => {
		expect(activity.name).toBe('iati-activity');
		assertSequence(activity, ACTIVITY);
		for (const t of ['title', 'description']) assertSequence(all(activity, t)[0], TEXT);
	});

	it('result: title then indicators, with @type', () => {
		const results = activity.children.filter((c) => c.name === 'result');
		expect(results.length).toBeGreaterThan(0);
		for (const r of results) {
			assertSequence(r, RESULT);
			assertAttrs(r, ['type']);
			assertSequence(r.children[0], TEXT);
		}
	});

	it('indicator: title, description, baseline, periods, with @measure', () => {
		const indicators = all(activity, 'indicator');
		expect(indicators).toHaveLength(2);
		for (const ind of indicators) {
			assertSequence(ind, INDICATOR);
			assertAttrs(ind, ['measure']);
			expect(['1', '2', '3', '4', '5']).toContain(ind.attrs.measure);
		}
		expect(indicators.map((i) => i.attrs.measure)).toEqual(['1', '2']);
	});

	it('baseline: @year a positive integer, optional @iso-date a date, comment last', () => {
		const baselines = all(activity, 'baseline');
		expect(baselines).toHaveLength(1);
		for (const b of baselines) {
			assertSequence(b, BASELINE);
			assertAttrs(b, ['year']);
			expect(b.attrs.year).toMatch(/^[1-9]\d{3}$/);
			if (b.attrs['iso-date']) expect(b.attrs['iso-date']).toMatch(ISO_DATE);
		}
		expect(baselines[0].attrs.value).toBe('40');
	});

	it('period: period-start and period-end with their dates, then targets, then actuals', () => {
		const periods = all(activity, 'period');
		expect(periods.length).toBeGreaterThanOrEqual(2);
		for (const p of periods) {
			assertSequence(p, PERIOD);
			const [start, end] = p.children;
			assertAttrs(start, ['iso-date']);
			assertAttrs(end, ['iso-date']);
			expect(start.attrs['iso-date']).toMatch(ISO_DATE);
			expect(end.attrs['iso-date']).toMatch(ISO_DATE);
			expect(start.attrs['iso-date'] <= end.attrs['iso-date']).toBe(true);
		}
		const q3 = periods.find((p) => p.children[0].attrs['iso-date'] === '2026-07-01')!;
		expect(q3.children[1].attrs['iso-date']).toBe('2026-09-30');
	});

	it('target and actual: location, dimension, comment, document-link; one dimension per disaggregated value', () => {
		const values = [...all(activity, 'target'), ...all(activity, 'actual')];
		for (const v of values) {
			assertSequence(v, TARGET_OR_ACTUAL);
			if (v.attrs.value !== undefined) expect(v.attrs.value).toMatch(/^-?\d+(\.\d+)?$/);
			expect(v.children.filter((c) => c.name === 'dimension').length).toBeLessThanOrEqual(1);
		}
		const actuals = all(activity, 'actual').map((a) => [
			a.attrs.value,
			a.children.map((d) => `${d.attrs.name}=${d.attrs.value}`).join()
		]);
		expect(actuals).toEqual(
			expect.arrayContaining([
				['212', ''],
				['80', 'age_band=18-29'],
				['132', 'age_band=30-49'],
				['120', 'urban_rural=urban'],
				['92', 'urban_rural=rural'],
				['31.5', '']
			])
		);
	});

	it('dimension: an empty element with @name and @value', () => {
		const dims = all(activity, 'dimension');
		expect(dims.length).toBe(4);
		for (const d of dims) {
			assertAttrs(d, ['name', 'value']);
			expect(d.children).toEqual([]);
			expect(d.text.trim()).toBe('');
		}
	});
});
