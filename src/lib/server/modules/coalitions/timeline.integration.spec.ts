import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { type TestDb } from '#lib/server/testing';
import { coalitions, readFileBytes, COALITIONS_API_SCHEMAS } from './index';
import { toCsv } from './csv';
import { auditTrail, type Actor, type ServiceContext } from '#lib/server/core';
import { rowsOf } from '#lib/server/db';
import { TIMELINE_CSV_HEADER } from './timeline-csv';
import { addItemAs, admin, kgCoordinator, setUpCoalitions, tearDownCoalitions } from './testing';

/** Coalitions: the status workflow, the append-only timeline and the API views. */
let db: TestDb;
let filesDir: string;
let orgA: string;
let orgB: string;
let staffA: Actor;
let staffB: Actor;
let world: Awaited<ReturnType<typeof setUpCoalitions>> | undefined;

const ctx = (a: Actor, now?: Date): ServiceContext => db.ctx({ actor: a, now });
const addItem = (a: Actor, slug: string, title: string, extra: Record<string, unknown> = {}) =>
	addItemAs(ctx(a), slug, title, extra);

beforeAll(async () => {
	world = await setUpCoalitions({ member: true });
	({ db, filesDir, orgA, orgB, staffA, staffB } = world);
});
afterAll(async () => tearDownCoalitions(world ?? {}));

describe('status workflow', () => {
	it('moves a recommendation through its statuses, with evidence and the legal instrument for adoption', async () => {
		const id = await addItem(kgCoordinator, 'kg', 'Credit guarantees for women');
		let item = (await coalitions.getItem(ctx(admin), 'kg', id)).item;
		expect(item.status).toBe('drafting');
		expect(item.timeline).toHaveLength(1);

		const record = (input: Record<string, unknown>) =>
			coalitions.recordStatus(ctx(kgCoordinator), 'kg', {
				recommendationId: id,
				date: '2025-03-01',
				...input
			} as never);
		await record({ status: 'endorsed' });
		await record({ status: 'submitted', note: { ru: 'Направлено в Минэкономики' } });
		await expect(record({ status: 'drafting' })).rejects.toMatchObject({
			code: 'INVALID',
			fields: { status: expect.anything() }
		});
		await expect(record({ status: 'adopted' })).rejects.toMatchObject({
			fields: {
				evidenceUrl: { key: 'coalitions_error_evidence' },
				'instrument.type': { key: 'coalitions_error_instrument' }
			}
		});
		await expect(record({ status: 'endorsed', date: '2025-13' })).rejects.toMatchObject({
			fields: { date: { key: 'coalitions_error_date' } }
		});
		await record({
			status: 'adopted',
			progress: 90,
			evidenceUrl: 'https://cbd.minjust.gov.kg/example',
			instrument: {
				type: 'decree',
				name: 'Resolution on credit guarantees',
				number: '123',
				date: '2025-06-02',
				clause: '4.2'
			}
		});
		item = (await coalitions.getItem(ctx(admin), 'kg', id)).item;
		expect(item.status).toBe('adopted');
		expect(item.progress).toBe(90);
		expect(item.timeline.map((e) => e.status)).toEqual(['drafting', 'endorsed', 'submitted', 'adopted']);
		expect(item.latest?.instrument).toMatchObject({ type: 'decree', number: '123', clause: '4.2' });
		expect(item.latest?.evidence).toMatchObject([{ kind: 'url', url: 'https://cbd.minjust.gov.kg/example' }]);

		// A correction is a new entry naming the corrected one; the corrected entry stays.
		const wrong = item.timeline[2].id;
		await record({
			status: 'adopted',
			correctsId: wrong,
			note: { en: 'The submission date was 2025-02' },
			evidenceUrl: 'https://example.org/a',
			instrument: { type: 'decree', name: 'Resolution on credit guarantees' }
		});
		item = (await coalitions.getItem(ctx(admin), 'kg', id)).item;
		expect(item.timeline).toHaveLength(5);
		expect(item.timeline[2].correctedBy).toEqual([item.timeline[4].id]);

		const trail = await auditTrail(ctx(admin), 'coalitions_recommendation', id);
		expect(trail.filter((e) => e.action === 'coalitions.timeline.append')).toHaveLength(3);
		expect(trail.filter((e) => e.action === 'coalitions.timeline.correct')).toHaveLength(1);

		const kg = await coalitions.getCoalition(ctx(admin), 'kg');
		expect(kg.adoption).toEqual({ adopted: 1, total: 2 });
		expect(kg.byBarrier.find((b) => b.barrier === 'finance')).toEqual({
			barrier: 'finance',
			adopted: 1,
			total: 1
		});
	});

	it('stores an uploaded evidence document, refusing other types', async () => {
		const id = await addItem(kgCoordinator, 'kg', 'Register of programs');
		const pdf = new TextEncoder().encode('%PDF-1.4\n% evidence\n');
		await expect(
			coalitions.recordStatus(
				ctx(kgCoordinator),
				'kg',
				{ recommendationId: id, date: '2025', status: 'implemented' },
				{ upload: { name: 'x.html', bytes: new TextEncoder().encode('<html>') } }
			)
		).rejects.toMatchObject({ fields: { evidenceFile: { key: 'coalitions_error_file_type' } } });
		expect(fs.readdirSync(filesDir)).toEqual([]);
		await coalitions.recordStatus(
			ctx(kgCoordinator),
			'kg',
			{ recommendationId: id, date: '2025', status: 'implemented' },
			{ upload: { name: '../Постановление №5.pdf', bytes: pdf } }
		);
		const item = (await coalitions.getItem(ctx(admin), 'kg', id)).item;
		expect(item.progress).toBe(100);
		const evidence = item.latest!.evidence[0];
		expect(evidence.kind).toBe('file');
		const fileId = evidence.url!.split('/').at(-1)!;
		expect((await readFileBytes(ctx(admin), fileId))?.toString()).toContain('%PDF-1.4');
		expect((await coalitions.getEvidenceFile(ctx(admin), fileId))?.name).toBe('Постановление _5.pdf');
	});

	it('keeps double-submitted forms to one entry', async () => {
		const id = await addItem(kgCoordinator, 'kg', 'Once only');
		const input = { recommendationId: id, date: '2025', status: 'endorsed' as const };
		await coalitions.recordStatus(ctx(kgCoordinator), 'kg', input, { onceKey: 'k1' });
		await coalitions.recordStatus(ctx(kgCoordinator), 'kg', input, { onceKey: 'k1' });
		expect((await coalitions.getItem(ctx(admin), 'kg', id)).item.timeline).toHaveLength(2);
	});
});

/** Every entry on every timeline, as stored. */
async function allEntries() {
	return rowsOf<Record<string, unknown>>(
		await db.handle.db.execute(sql`select * from coalitions_timeline_entry order by seq`)
	);
}

/** The database's own refusal (the append-only trigger), not any error. */
async function expectAppendOnlyRefusal(statement: Promise<unknown>, operation: string) {
	const error = await statement.then(
		() => null,
		(e: unknown) => e
	);
	expect(error, `${operation} was not refused`).not.toBeNull();
	const messages: string[] = [];
	for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
		messages.push(String(e.message));
	expect(messages.join(' | ')).toContain(`coalitions_timeline_entry is append-only: ${operation} refused`);
}

/** The public functions that only read, and the constants; everything else in `coalitions` writes. */
const READS = [
	'myFollow',
	'listCoalitions',
	'coalitionsForApi',
	'getCoalition',
	'viewerOf',
	'listItems',
	'recommendationsOf',
	'recommendationsForApi',
	'getItem',
	'listDirectory',
	'joinOptions',
	'listJoinRequests',
	'getProfile',
	'getRecommendationText',
	'getEvidenceFile',
	'exportRecommendationsCsv',
	'exportTimelineCsv'
];
const CONSTANTS = ['FILE_PATH', 'RECOMMENDATIONS_CSV_HEADER', 'TIMELINE_CSV_HEADER'];

describe('the timeline is append-only', () => {
	it('keeps every entry as it was through every write path of the module', async () => {
		const before = await allEntries();
		expect(before.length).toBeGreaterThan(0);
		const [uzItem] = await coalitions.listItems(ctx(admin), 'uz');
		const seeded = uzItem.timeline[0];
		const item = await addItem(kgCoordinator, 'kg', 'Append-only check');
		const done = new Set<string>();
		const write = async <T>(name: keyof typeof coalitions, run: () => Promise<T>): Promise<T> => {
			const result = await run();
			done.add(name);
			return result;
		};

		// Membership: a request, its approval, the member's profile, leaving.
		const { id: request } = await write('requestJoin', () =>
			coalitions.requestJoin(ctx(staffB), 'kg', { organizationId: orgB })
		);
		await write('reviewJoin', () =>
			coalitions.reviewJoin(ctx(kgCoordinator), 'kg', { memberId: request, decision: 'approve' })
		);
		await write('updateMemberProfile', () =>
			coalitions.updateMemberProfile(ctx(staffB), 'kg', { organizationId: orgB, barriers: ['gbv'] })
		);
		await write('leaveCoalition', () => coalitions.leaveCoalition(ctx(staffB), 'kg', orgB));
		// The coalition itself.
		await write('updateProfile', () =>
			coalitions.updateProfile(ctx(admin), 'uz', { profile: { en: 'Uzbek coalition' } })
		);
		await write('setCouncilRole', () =>
			coalitions.setCouncilRole(ctx(admin), 'uz', {
				userId: 'council-uz',
				role: 'member',
				displayName: 'Council member'
			})
		);
		await write('createCoalition', () =>
			coalitions.createCoalition(ctx(admin), { slug: 'uz-append-only', country: 'UZ', name: { en: 'UZ 2' } })
		);
		// Agenda and recommendations.
		const { id: agendaId } = await write('createAgenda', () =>
			coalitions.createAgenda(ctx(admin), 'uz', { title: { en: 'Agenda' } })
		);
		const { id: fresh } = await write('createRecommendation', () =>
			coalitions.createRecommendation(ctx(admin), 'uz', {
				barrier: 'markets',
				title: { en: 'New' },
				agendaId
			})
		);
		await write('publishAgendaVersion', () =>
			coalitions.publishAgendaVersion(ctx(admin), 'uz', { agendaId })
		);
		await write('updateRecommendationText', () =>
			coalitions.updateRecommendationText(ctx(admin), 'uz', {
				recommendationId: fresh,
				title: { en: 'Newer' }
			})
		);
		// Participation.
		await write('endorse', () =>
			coalitions.endorse(ctx(staffA), 'kg', { recommendationId: item, organizationId: orgA })
		);
		await write('addComment', () =>
			coalitions.addComment(ctx(staffA), 'kg', { recommendationId: item, body: 'Agreed' }, 'Aizada')
		);
		// The timeline: a new status, a correction of the seeded entry, an import.
		await write('recordStatus', async () => {
			await coalitions.recordStatus(ctx(admin), 'uz', {
				recommendationId: fresh,
				date: '2026',
				status: 'endorsed'
			});
			await coalitions.recordStatus(ctx(admin), 'uz', {
				recommendationId: uzItem.id,
				date: '2023-04',
				status: 'adopted',
				correctsId: seeded.id,
				evidenceUrl: 'https://lex.uz/example',
				instrument: { type: 'law', name: 'Law of April 2023' }
			});
		});
		await write('importTimelineCsv', async () => {
			const csv = toCsv(TIMELINE_CSV_HEADER, [
				TIMELINE_CSV_HEADER.map(
					(h) => ({ recommendation_id: fresh, date: '2026-02', status: 'submitted' })[h as string] ?? ''
				)
			]);
			const dry = await coalitions.importTimelineCsv(ctx(admin), 'uz', { csv }, { dryRun: true });
			const applied = await coalitions.importTimelineCsv(
				ctx(admin),
				'uz',
				{ csv, confirm: dry.digest },
				{ dryRun: false }
			);
			expect(applied.applied).toBe(true);
		});

		// Following the timeline (by e-mail: no Telegram link here; the follower is a real account).
		await db.handle.db.execute(
			sql`insert into auth_user (id, name, email) values ('staff-a', 'A', 'staff-a@example.org') on conflict do nothing`
		);
		await write('followCoalition', () => coalitions.followCoalition(ctx(staffA), 'kg', { channel: 'email' }));
		await write('unfollowCoalition', () => coalitions.unfollowCoalition(ctx(staffA), 'kg'));
		// Every write path of the public API was taken (a new one must be added here, or to READS).
		const writes = Object.keys(coalitions).filter((n) => !READS.includes(n) && !CONSTANTS.includes(n));
		expect([...done].sort()).toEqual(writes.sort());
		// …and every entry that existed is unchanged; the correction is a new entry naming it.
		const after = await allEntries();
		expect(after.slice(0, before.length)).toEqual(before);
		expect(after.length).toBe(before.length + 5);
		const correction = after.find((e) => e.corrects_id === seeded.id);
		expect(correction).toMatchObject({ recommendation_id: uzItem.id, status: 'adopted' });
		const uzAfter = (await coalitions.getItem(ctx(admin), 'uz', uzItem.id)).item;
		expect(uzAfter.timeline[0]).toEqual({ ...seeded, correctedBy: [correction!.id] });
	});

	it('is refused by the database on UPDATE, DELETE and TRUNCATE', async () => {
		const [row] = rowsOf<{ id: string }>(
			await db.handle.db.execute(sql`select id from coalitions_timeline_entry limit 1`)
		);
		expect(row).toBeDefined();
		await expectAppendOnlyRefusal(
			db.handle.db.execute(
				sql`update coalitions_timeline_entry set status = 'declined' where id = ${row.id}`
			),
			'UPDATE'
		);
		await expectAppendOnlyRefusal(
			db.handle.db.execute(sql`delete from coalitions_timeline_entry where id = ${row.id}`),
			'DELETE'
		);
		await expectAppendOnlyRefusal(
			db.handle.db.execute(sql`truncate coalitions_timeline_entry cascade`),
			'TRUNCATE'
		);
		const [still] = rowsOf<{ status: string }>(
			await db.handle.db.execute(sql`select status from coalitions_timeline_entry where id = ${row.id}`)
		);
		expect(still.status).not.toBe('declined');
	});
});

// After the workflow tests: the KG timeline has an uploaded evidence file by now.
describe('API views', () => {
	it('are exactly what their zod schemas (the OpenAPI components) describe, in every coalition', async () => {
		const origin = 'https://birge.example.org';
		const list = await coalitions.coalitionsForApi(db.ctx({ locale: 'ky' }), origin);
		expect(COALITIONS_API_SCHEMAS.Coalitions.parse(list)).toEqual(list);
		expect(list.items.find((c) => c.slug === 'kg')?.url).toBe(`${origin}/ky/coalitions/kg`);
		for (const { slug } of list.items) {
			const view = await coalitions.recommendationsForApi(db.ctx(), slug, origin);
			expect(COALITIONS_API_SCHEMAS.CoalitionRecommendations.parse(view)).toEqual(view);
		}
		const kg = await coalitions.recommendationsForApi(db.ctx(), 'kg', origin);
		const files = kg.items
			.flatMap((i) => i.timeline.flatMap((e) => e.evidence))
			.filter((e) => e.kind === 'file');
		expect(files.length).toBeGreaterThan(0);
		expect(files.every((e) => e.url?.startsWith(`${origin}/api/v1/coalitions/evidence/`))).toBe(true);
		// A field the schema does not know would be stripped by the parse, and the comparison fails.
		const extra = { ...list, items: [{ ...list.items[0], secret: 'x' }] };
		expect(COALITIONS_API_SCHEMAS.Coalitions.parse(extra)).not.toEqual(extra);
	});
});
