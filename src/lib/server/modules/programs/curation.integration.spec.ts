import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '#lib/server/db';
import type { TestDb } from '#lib/server/testing';
import { programs, CSV_COLUMNS } from './index';
import { openProgramsDb, programsActors, expectCode } from './testing';

// Curation permissions, and CSV import and export (split from the former programs.integration.spec.ts; shared set-up in ./testing.ts).
let db: TestDb;
beforeAll(async () => {
	db = await openProgramsDb();
});
afterAll(async () => db?.close());
const { anon, entrepreneur, kgStaff, kgCoordinator, kzCoordinator } = programsActors(() => db);

describe('curation permissions', () => {
	const draft = (slug: string, country: 'KG' | 'KZ' = 'KG') => ({
		slug,
		country,
		kinds: ['grant' as const],
		status: 'unknown' as const,
		title: { en: `Demo ${slug}` }
	});

	it('an entrepreneur cannot propose, edit or publish', async () => {
		await expectCode(programs.createProgram(entrepreneur(), draft('demo-ent')), 'FORBIDDEN');
		await expectCode(programs.publishProgram(entrepreneur(), 'kg-social-contract'), 'FORBIDDEN');
		await expectCode(programs.createProgram(anon(), draft('demo-anon')), 'UNAUTHENTICATED');
	});

	it('staff propose in their country only, and cannot publish', async () => {
		await programs.createProgram(kgStaff(), draft('demo-staff-kg'));
		await expectCode(programs.createProgram(kgStaff(), draft('demo-staff-kz', 'KZ')), 'FORBIDDEN');
		await programs.submitForReview(kgStaff(), 'demo-staff-kg');
		await expectCode(programs.publishProgram(kgStaff(), 'demo-staff-kg'), 'FORBIDDEN');
		// Not public while in review.
		await expectCode(programs.getProgram(anon(), 'demo-staff-kg'), 'NOT_FOUND');
	});

	it('a coordinator of one country cannot publish in another; of its own, can', async () => {
		await expectCode(programs.publishProgram(kzCoordinator(), 'demo-staff-kg'), 'FORBIDDEN');
		await programs.publishProgram(kgCoordinator(), 'demo-staff-kg');
		expect((await programs.getProgram(anon(), 'demo-staff-kg')).publication).toBe('published');
	});

	it('keeps every edit in history; a staff edit to a published program waits, the published version stays', async () => {
		const r = await programs.updateProgram(kgStaff(), 'demo-staff-kg', {
			...draft('demo-staff-kg'),
			title: { en: 'Demo edited', ru: 'Демо изменено' }
		});
		expect(r).toMatchObject({ publication: 'published', pending: true });
		// The public still sees the published version.
		expect((await programs.getProgram(anon(), 'demo-staff-kg')).title).toBe('Demo demo-staff-kg');
		const edit = await programs.programForEdit(kgCoordinator(), 'demo-staff-kg');
		expect(edit.pending?.fields).toEqual(['title']);
		expect(edit.program.title).toEqual({ en: 'Demo edited', ru: 'Демо изменено' });
		expect(edit.history.map((h) => h.action)).toEqual(['revision', 'published', 'in_review', 'create']);
		expect(edit.history[0].fields).toContain('title');
		const waiting = await programs.listForCuration(kgCoordinator(), { publication: 'in_review' });
		expect(waiting.find((p) => p.slug === 'demo-staff-kg')?.pending).toBe(true);
		// Staff cannot publish it; a coordinator of another country neither.
		await expectCode(programs.publishRevision(kgStaff(), 'demo-staff-kg'), 'FORBIDDEN');
		await expectCode(programs.publishRevision(kzCoordinator(), 'demo-staff-kg'), 'FORBIDDEN');
		const ky = edit.translations.find((t) => t.locale === 'ky')!;
		expect(ky.missing).toContain('title');
		expect(edit.translations.find((t) => t.locale === 'ru')!.missing).not.toContain('title');
		const audit = rowsOf<{ n: number }>(
			await db.handle.db.execute(
				sql`select count(*)::int as n from core_audit_log where action like 'programs.%'`
			)
		);
		expect(Number(audit[0].n)).toBeGreaterThan(3);
	});

	it('a coordinator publishes or discards a waiting revision', async () => {
		const found = async () => (await programs.findPrograms(anon('ru'), { q: 'Демо изменено' })).total;
		expect(await found()).toBe(0);
		await programs.publishRevision(kgCoordinator(), 'demo-staff-kg');
		const live = await programs.getProgram(anon('ru'), 'demo-staff-kg');
		expect(live.title).toBe('Демо изменено');
		expect(await found()).toBe(1);
		await expectCode(programs.publishRevision(kgCoordinator(), 'demo-staff-kg'), 'CONFLICT');
		// A second proposal, discarded with a note: the published version is unchanged.
		await programs.updateProgram(kgStaff(), 'demo-staff-kg', {
			...draft('demo-staff-kg'),
			title: { en: 'Demo wrong', ru: 'Демо неверно' }
		});
		await programs.discardRevision(kgCoordinator(), 'demo-staff-kg', 'Source does not say so');
		expect((await programs.getProgram(anon('ru'), 'demo-staff-kg')).title).toBe('Демо изменено');
		const edit = await programs.programForEdit(kgStaff(), 'demo-staff-kg');
		expect(edit.pending).toBeNull();
		expect(edit.history[0]).toMatchObject({ action: 'revision_discarded', note: 'Source does not say so' });
		// A coordinator's own edit is published at once.
		const own = await programs.updateProgram(kgCoordinator(), 'demo-staff-kg', {
			...draft('demo-staff-kg'),
			title: { en: 'Demo by coordinator' }
		});
		expect(own).toMatchObject({ publication: 'published', pending: false });
		expect((await programs.getProgram(anon(), 'demo-staff-kg')).title).toBe('Demo by coordinator');
	});
});

describe('CSV import and export', () => {
	const header = CSV_COLUMNS.join(',');
	const row = (values: Record<string, string>) =>
		CSV_COLUMNS.map((c) => {
			const v = values[c] ?? '';
			return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
		}).join(',');

	it('reports every row’s errors and imports nothing when any row is bad', async () => {
		const csv = [
			header,
			row({ slug: 'demo-csv-ok', country: 'KG', kinds: 'grant', status: 'ongoing', title_en: 'Demo CSV ok' }),
			row({ slug: 'Bad Slug', country: 'KG', kinds: 'grant', status: 'ongoing', title_en: 'x' }),
			row({ slug: 'demo-csv-nokind', country: 'KG', kinds: '', status: 'whatever', title_en: 'x' }),
			row({
				slug: 'demo-csv-json',
				country: 'KG',
				kinds: 'loan',
				status: 'ongoing',
				title_en: 'x',
				criteria: '[{'
			}),
			row({ slug: 'demo-csv-kz', country: 'KZ', kinds: 'loan', status: 'ongoing', title_en: 'x' })
		].join('\n');
		const report = await programs.importCsv(kgStaff(), csv, { dryRun: false });
		expect(report.applied).toBe(false);
		const byLine = Object.fromEntries(report.rows.map((r) => [r.line, r.errors.map((e) => e.field)]));
		expect(byLine[2]).toEqual([]);
		expect(byLine[3]).toContain('slug');
		expect(byLine[4]).toEqual(expect.arrayContaining(['kinds', 'status']));
		expect(byLine[5]).toContain('criteria');
		expect(byLine[6]).toContain('country');
		await expectCode(programs.programForEdit(kgStaff(), 'demo-csv-ok'), 'NOT_FOUND');
	});

	it('a dry run reports and saves nothing; a real run imports all rows in one go', async () => {
		const csv = [
			header,
			row({
				slug: 'demo-csv-a',
				country: 'KG',
				kinds: 'grant|training',
				status: 'ongoing',
				title_en: 'Demo A',
				title_ru: 'Демо А',
				amount_max: '100000',
				currency: 'KGS'
			}),
			row({
				slug: 'demo-csv-b',
				country: 'KG',
				kinds: 'loan',
				status: 'unknown',
				title_ky: 'Демо Б',
				sources: '[{"url":"https://example.org/b","publisher":"Example","date":"2026-01-01"}]'
			})
		].join('\r\n');
		const dry = await programs.importCsv(kgStaff(), csv, { dryRun: true });
		expect(dry).toMatchObject({ applied: false, created: 2, errorCount: 0 });
		await expectCode(programs.programForEdit(kgStaff(), 'demo-csv-a'), 'NOT_FOUND');
		const real = await programs.importCsv(kgStaff(), csv, { dryRun: false });
		expect(real).toMatchObject({ applied: true, created: 2 });
		const a = await programs.programForEdit(kgStaff(), 'demo-csv-a');
		expect(a.publication).toBe('draft');
		expect(a.program.terms?.amountMax).toBe(100000);
		expect(a.program.terms?.ratePercent).toBeNull();
		const exported = await programs.exportCsv(kgStaff());
		expect(exported.split('\r\n')[0]).toBe(header);
		expect(exported).toContain('demo-csv-b');
		expect(exported).toContain('kg-msme-interest-free-loans');
		expect(exported).not.toContain('kz-damu-comprehensive-program');
		await expectCode(programs.exportCsv(entrepreneur()), 'FORBIDDEN');
	});

	it('an import by staff that changes a published program waits for review', async () => {
		const slug = 'kg-msme-interest-free-loans';
		const before = (await programs.getProgram(anon(), slug)).title;
		const csv = [
			header,
			row({ slug, country: 'KG', kinds: 'loan', status: 'ongoing', title_en: 'Changed by an import' })
		].join('\r\n');
		expect(await programs.importCsv(kgStaff(), csv, { dryRun: false })).toMatchObject({
			applied: true,
			updated: 1
		});
		expect((await programs.getProgram(anon(), slug)).title).toBe(before);
		const edit = await programs.programForEdit(kgCoordinator(), slug);
		expect(edit.publication).toBe('published');
		expect(edit.pending?.fields).toContain('title');
		expect(edit.history[0].action).toBe('import_revision');
		await programs.discardRevision(kgCoordinator(), slug);
	});
});
