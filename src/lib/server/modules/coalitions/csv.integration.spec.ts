import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb } from '#lib/server/testing';
import { coalitions } from './index';
import { parseCsv, toCsv } from './csv';
import { type Actor, type ServiceContext } from '#lib/server/core';
import { TIMELINE_CSV_HEADER } from './timeline-csv';
import {
	addItemAs,
	admin,
	kgCoordinator,
	kzCoordinator,
	setUpCoalitions,
	tearDownCoalitions
} from './testing';

/** Coalitions: CSV export and the timeline import. */
let db: TestDb;
let world: Awaited<ReturnType<typeof setUpCoalitions>> | undefined;

const ctx = (a: Actor, now?: Date): ServiceContext => db.ctx({ actor: a, now });
const addItem = (a: Actor, slug: string, title: string, extra: Record<string, unknown> = {}) =>
	addItemAs(ctx(a), slug, title, extra);

beforeAll(async () => {
	world = await setUpCoalitions();
	({ db } = world);
});
afterAll(async () => tearDownCoalitions(world ?? {}));

describe('CSV', () => {
	it('exports current statuses, imports timeline entries after a dry run, all or nothing, and round-trips', async () => {
		const first = await addItem(kzCoordinator, 'kz', 'Import one');
		const second = await addItem(kzCoordinator, 'kz', 'Import two');
		const exported = parseCsv(await coalitions.exportRecommendationsCsv(ctx(admin), 'kz'));
		const header = exported[0];
		const row = exported.find((r) => r[0] === first)!;
		expect(row[header.indexOf('status')]).toBe('drafting');
		expect(row[header.indexOf('title')]).toBe('Import one');

		const line = (values: Record<string, string>) => TIMELINE_CSV_HEADER.map((h) => values[h] ?? '');
		const bad = toCsv(TIMELINE_CSV_HEADER, [
			line({ recommendation_id: first, date: '2025-05', status: 'submitted', note_ru: 'Передано' }),
			line({ recommendation_id: second, date: '2025-05', status: 'adopted' }),
			line({ recommendation_id: 'nope', date: 'soon', status: 'adopted' })
		]);
		const report = await coalitions.importTimelineCsv(
			ctx(kzCoordinator),
			'kz',
			{ csv: bad },
			{ dryRun: true }
		);
		expect(report.ok).toBe(false);
		expect(report.rows.map((r) => r.errors.map((e) => e.field).sort())).toEqual([
			[],
			['evidenceUrl', 'instrument.type'],
			['date']
		]);
		await expect(
			coalitions.importTimelineCsv(
				ctx(kzCoordinator),
				'kz',
				{ csv: bad, confirm: report.digest },
				{ dryRun: false }
			)
		).resolves.toMatchObject({ applied: false });
		expect((await coalitions.getItem(ctx(admin), 'kz', first)).item.timeline).toHaveLength(1);

		const good = toCsv(TIMELINE_CSV_HEADER, [
			line({ recommendation_id: first, date: '2025-05', status: 'submitted', note_ru: 'Передано, «срочно»' }),
			line({
				recommendation_id: first,
				date: '2025-09-10',
				status: 'adopted',
				evidence_url: 'https://adilet.zan.kz/example',
				instrument_type: 'ministerial_rules',
				instrument_name: 'Rules for grants',
				instrument_clause: '12'
			}),
			line({ recommendation_id: second, date: '2025-06', status: 'endorsed' })
		]);
		await expect(
			coalitions.importTimelineCsv(ctx(kgCoordinator), 'kz', { csv: good }, { dryRun: true })
		).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		await expect(
			coalitions.importTimelineCsv(ctx(kzCoordinator), 'kz', { csv: good }, { dryRun: false })
		).rejects.toMatchObject({
			messageKey: 'coalitions_import_dry_run_first'
		});
		const dry = await coalitions.importTimelineCsv(ctx(kzCoordinator), 'kz', { csv: good }, { dryRun: true });
		expect(dry).toMatchObject({ ok: true, applied: false });
		expect((await coalitions.getItem(ctx(admin), 'kz', first)).item.timeline).toHaveLength(1);
		const applied = await coalitions.importTimelineCsv(
			ctx(kzCoordinator),
			'kz',
			{ csv: good, confirm: dry.digest },
			{ dryRun: false }
		);
		expect(applied.applied).toBe(true);

		const after = parseCsv(await coalitions.exportRecommendationsCsv(ctx(admin), 'kz'));
		expect(after.find((r) => r[0] === first)![header.indexOf('status')]).toBe('adopted');
		expect(after.find((r) => r[0] === first)![header.indexOf('evidence')]).toBe(
			'https://adilet.zan.kz/example'
		);
		expect(after.find((r) => r[0] === second)![header.indexOf('status')]).toBe('endorsed');

		// The timeline export is in the import format and carries what was imported.
		const timeline = parseCsv(await coalitions.exportTimelineCsv(ctx(admin), 'kz'));
		expect(timeline[0]).toEqual([...TIMELINE_CSV_HEADER]);
		const mine = timeline.filter((r) => r[0] === first);
		expect(mine.map((r) => r[2])).toEqual(['drafting', 'submitted', 'adopted']);
		expect(mine[1][TIMELINE_CSV_HEADER.indexOf('note_ru')]).toBe('Передано, «срочно»');
		expect(mine[2][TIMELINE_CSV_HEADER.indexOf('instrument_clause')]).toBe('12');
	});
});
