import { describe, expect, it } from 'vitest';
import { writeIatiActivity, type IatiActivity, type IatiConfig } from './iati';
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

const CONFIG: IatiConfig = {
	reportingOrgRef: 'KG-INN-01234567890123',
	reportingOrgType: '22',
	reportingOrgName: { ru: 'Ассоциация деловых женщин', en: 'Association of Business Women' }
};

const ACTIVITY_INPUT: IatiActivity = {
	localId: 'BIRGE-2026-01',
	defaultLanguage: 'ru',
	lastUpdated: new Date('2026-11-30T12:00:00.123Z'),
	title: { ru: 'Доступ к финансам', ky: 'Каржыга жеткиликтүүлүк', en: 'Access to finance' },
	description: { en: 'Loans & training for women <entrepreneurs>' },
	participatingOrgs: [
		{ role: '1', ref: 'XM-DAC-41114', type: '40', name: { en: 'UNDP' } },
		{ role: '4', name: { ru: 'Ассоциация деловых женщин' } }
	],
	status: '2',
	dates: [
		{ type: '1', isoDate: '2026-01-01' },
		{ type: '2', isoDate: '2026-02-01' }
	],
	recipientCountries: [{ code: 'KG' }],
	results: [
		{
			type: '2',
			aggregationStatus: false,
			title: { en: 'Women can get loans', ru: 'Женщины могут получить кредит' },
			indicators: [
				{
					measure: '1',
					ascending: true,
					title: { en: 'Women who received a loan' },
					description: { en: 'Count of "A & B" clients' },
					baselines: [
						{ year: 2025, isoDate: '2025-12-31', value: 120, dimensions: [{ name: 'sex', value: 'female' }] }
					],
					periods: [
						{
							start: '2026-01-01',
							end: '2026-06-30',
							targets: [
								{ value: 60, dimensions: [{ name: 'region', value: 'Osh' }] },
								{ value: 90, dimensions: [{ name: 'region', value: 'Chüy & Bishkek' }] }
							],
							actuals: [
								{
									value: 55,
									dimensions: [{ name: 'region', value: 'Osh' }],
									comment: { en: 'Q1 < Q2 & late' }
								},
								{ value: 101.5, dimensions: [{ name: 'region', value: 'Chüy & Bishkek' }] }
							]
						}
					]
				},
				{ measure: '2', title: { en: 'Share agreeing "I can get a loan"' } }
			]
		}
	]
};

const OPTIONS = { generatedAt: new Date('2026-12-01T09:00:00Z') };

function write(activity: IatiActivity = ACTIVITY_INPUT, config: IatiConfig = CONFIG) {
	const r = writeIatiActivity(config, activity, OPTIONS);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return { xml: r.xml, root: parseXml(r.xml) };
}

describe('writeIatiActivity', () => {
	it('refuses to run without the reporting organisation identifier', () => {
		for (const reportingOrgRef of [undefined, null, '', '   ']) {
			expect(writeIatiActivity({ ...CONFIG, reportingOrgRef }, ACTIVITY_INPUT, OPTIONS)).toEqual({
				ok: false,
				errors: [{ path: 'config.reportingOrgRef', code: 'REPORTING_ORG_MISSING' }]
			});
		}
	});

	it('writes the root and the activity with their required attributes', () => {
		const { root } = write();
		expect(root.name).toBe('iati-activities');
		expect(root.attrs).toEqual({ version: '2.03', 'generated-datetime': '2026-12-01T09:00:00Z' });
		expect(root.children.map((c) => c.name)).toEqual(['iati-activity']);
		const activity = root.children[0];
		expect(activity.attrs).toEqual({ 'last-updated-datetime': '2026-11-30T12:00:00Z', 'xml:lang': 'ru' });
		const id = activity.children[0];
		expect(id.name).toBe('iati-identifier');
		// The identifier is prefixed with the reporting-org ref and a hyphen, as the standard requires.
		expect(id.text).toBe('KG-INN-01234567890123-BIRGE-2026-01');
		const org = activity.children[1];
		expect(org.attrs).toEqual({ ref: 'KG-INN-01234567890123', type: '22' });
		expect(org.children.map((n) => [n.attrs['xml:lang'], n.text])).toEqual([
			['ru', 'Ассоциация деловых женщин'],
			['en', 'Association of Business Women']
		]);
	});

	it('follows the 2.03 element order and occurrence rules for activity, result, indicator, baseline, period, target and actual', () => {
		const { root } = write();
		const activity = root.children[0];
		assertSequence(activity, ACTIVITY);
		for (const t of ['title', 'description', 'reporting-org']) assertSequence(all(activity, t)[0], TEXT);
		for (const r of all(activity, 'result')) {
			assertSequence(r, RESULT);
			assertAttrs(r, ['type']);
		}
		const indicators = all(activity, 'indicator');
		expect(indicators).toHaveLength(2);
		for (const ind of indicators) {
			assertSequence(ind, INDICATOR);
			assertAttrs(ind, ['measure']);
			assertSequence(ind.children[0], TEXT);
		}
		for (const b of all(activity, 'baseline')) {
			assertSequence(b, BASELINE);
			assertAttrs(b, ['year']);
		}
		for (const p of all(activity, 'period')) {
			assertSequence(p, PERIOD);
			assertAttrs(p.children[0], ['iso-date']);
			assertAttrs(p.children[1], ['iso-date']);
		}
		for (const v of [...all(activity, 'target'), ...all(activity, 'actual')])
			assertSequence(v, TARGET_OR_ACTUAL);
		for (const n of all(activity, 'narrative')) assertAttrs(n, ['xml:lang']);
		for (const p of all(activity, 'participating-org')) assertAttrs(p, ['role']);
		assertAttrs(all(activity, 'activity-status')[0], ['code']);
		for (const d of all(activity, 'activity-date')) assertAttrs(d, ['type', 'iso-date']);
	});

	it('the order checker itself rejects a wrong order and a missing required element', () => {
		const node = (names: string[]): Node => ({
			name: 'period',
			attrs: {},
			text: '',
			children: names.map((name) => ({ name, attrs: {}, text: '', children: [] }))
		});
		expect(() => assertSequence(node(['period-end', 'period-start']), PERIOD)).toThrow(/out of order/);
		expect(() => assertSequence(node(['period-start', 'target']), PERIOD)).toThrow(/0 <period-end>/);
		expect(() => assertSequence(node(['period-start', 'period-end', 'actual', 'target']), PERIOD)).toThrow();
	});

	it('writes one target and one actual per disaggregated value, each with its dimension', () => {
		const { root } = write();
		const period = all(root, 'period')[0];
		expect(period.children.map((c) => c.name)).toEqual([
			'period-start',
			'period-end',
			'target',
			'target',
			'actual',
			'actual'
		]);
		const targets = period.children.filter((c) => c.name === 'target');
		expect(targets.map((t) => [t.attrs.value, t.children[0].attrs])).toEqual([
			['60', { name: 'region', value: 'Osh' }],
			['90', { name: 'region', value: 'Chüy & Bishkek' }]
		]);
		const actual = period.children.filter((c) => c.name === 'actual');
		expect(actual.map((a) => a.attrs.value)).toEqual(['55', '101.5']);
		expect(actual[0].children.map((c) => c.name)).toEqual(['dimension', 'comment']);
		const baseline = all(root, 'baseline')[0];
		expect(baseline.attrs).toEqual({ year: '2025', 'iso-date': '2025-12-31', value: '120' });
		expect(all(root, 'indicator')[0].attrs).toEqual({ measure: '1', ascending: '1' });
		expect(all(root, 'result')[0].attrs).toEqual({ type: '2', 'aggregation-status': '0' });
	});

	it('escapes & < > " once: text and attributes round-trip exactly', () => {
		const { xml, root } = write();
		expect(xml).toContain('Loans &amp; training for women &lt;entrepreneurs&gt;');
		expect(xml).not.toContain('&amp;amp;');
		expect(all(root, 'description')[0].children[0].text).toBe('Loans & training for women <entrepreneurs>');
		expect(all(root, 'comment')[0].children[0].text).toBe('Q1 < Q2 & late');
		expect(all(root, 'indicator')[0].children[1].children[0].text).toBe('Count of "A & B" clients');
		expect(all(root, 'dimension').map((d) => d.attrs.value)).toContain('Chüy & Bishkek');
	});

	it('refuses missing required parts and bad values, with the path of each', () => {
		const bad: IatiActivity = {
			...ACTIVITY_INPUT,
			title: {},
			participatingOrgs: [],
			dates: [{ type: '1', isoDate: '2026-02-30' }],
			recipientCountries: [{ code: 'KG' }, { code: 'KZ', percentage: 40 }],
			results: [
				{
					type: '2',
					title: { en: 'R' },
					indicators: [
						{
							measure: '1',
							title: { en: 'I' },
							baselines: [{ year: 26, value: NaN }],
							periods: [
								{
									start: '2026-06-30',
									end: '2026-01-01',
									targets: [{ value: 1, dimensions: [{ name: 'sex', value: '' }] }]
								}
							]
						}
					]
				},
				{ type: '2', title: { en: 'Empty' }, indicators: [] }
			]
		};
		const r = writeIatiActivity(CONFIG, bad, OPTIONS);
		if (r.ok) throw new Error('accepted');
		expect(r.errors).toEqual([
			{ path: 'title', code: 'NARRATIVE_REQUIRED' },
			{ path: 'participatingOrgs', code: 'ELEMENT_REQUIRED' },
			{ path: 'dates[0].isoDate', code: 'INVALID_DATE' },
			{ path: 'recipientCountries[0].percentage', code: 'PERCENTAGE_REQUIRED' },
			{ path: 'results[0].indicators[0].baselines[0].year', code: 'INVALID_YEAR' },
			{ path: 'results[0].indicators[0].baselines[0].value', code: 'INVALID_NUMBER' },
			{ path: 'results[0].indicators[0].periods[0].end', code: 'PERIOD_ORDER' },
			{ path: 'results[0].indicators[0].periods[0].targets[0].dimensions[0]', code: 'ELEMENT_REQUIRED' },
			{ path: 'results[1].indicators', code: 'ELEMENT_REQUIRED' }
		]);
	});

	it('refuses characters XML 1.0 cannot carry instead of writing a broken file', () => {
		const r = writeIatiActivity(CONFIG, { ...ACTIVITY_INPUT, title: { en: 'Bell\u0007' } }, OPTIONS);
		expect(r).toMatchObject({ ok: false, errors: [{ code: 'INVALID_CHARACTER' }] });
	});

	it('writes an activity with no results', () => {
		const { root } = write({ ...ACTIVITY_INPUT, results: [] });
		assertSequence(root.children[0], ACTIVITY);
		expect(all(root, 'result')).toHaveLength(0);
	});
});
