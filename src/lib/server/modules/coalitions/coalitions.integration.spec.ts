import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { accounts } from '#lib/server/modules/accounts';
import { directoryStore } from '#lib/server/core/files';
import { coalitions, COALITIONS_API_SCHEMAS, readFileBytes } from './index';
import { parseCsv, toCsv } from './csv';
import { ANONYMOUS, auditTrail, type Actor, type ServiceContext } from '#lib/server/core';
import { rowsOf } from '#lib/server/db';
import { TIMELINE_CSV_HEADER } from './timeline-csv';

let db: TestDb;
let filesDir: string;
const admin = actor('admin-1', [{ role: 'platform_admin', country: null, organizationId: null }]);
const kgCoordinator = actor('coord-kg', [
	{ role: 'coalition_coordinator', country: 'KG', organizationId: null }
]);
const kzCoordinator = actor('coord-kz', [
	{ role: 'coalition_coordinator', country: 'KZ', organizationId: null }
]);
let orgA: string; // a KG organization that becomes a member
let orgB: string; // a KG organization that never joins
let staffA: Actor;
let staffB: Actor;

const ctx = (a: Actor, now?: Date): ServiceContext => db.ctx({ actor: a, now });

async function addItem(a: Actor, slug: string, title: string, extra: Record<string, unknown> = {}) {
	const { id } = await coalitions.createRecommendation(ctx(a), slug, {
		barrier: 'finance',
		title: { en: title },
		...extra
	} as never);
	return id;
}

beforeAll(async () => {
	filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'birge-coalitions-files-'));
	db = await createTestDb({ seed: true, platform: { files: directoryStore(filesDir) } });
	const a = await accounts.createOrganization(ctx(admin), {
		slug: 'kg-women-a',
		kind: 'business_association',
		name: { en: 'Association A' },
		country: 'KG'
	});
	const b = await accounts.createOrganization(ctx(admin), {
		slug: 'kg-women-b',
		kind: 'civil_society',
		name: { en: 'Organization B' },
		country: 'KG'
	});
	orgA = a.id;
	orgB = b.id;
	staffA = actor(
		'staff-a',
		[],
		[{ organizationId: orgA, organizationKind: 'business_association', country: 'KG', role: 'admin' }]
	);
	staffB = actor(
		'staff-b',
		[],
		[{ organizationId: orgB, organizationKind: 'civil_society', country: 'KG', role: 'staff' }]
	);
});
afterAll(async () => {
	await db?.close();
	fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('seed', () => {
	it('seeds the four coalitions exactly as reported, each outcome with its reported status and source', async () => {
		const list = await coalitions.listCoalitions(ctx(admin));
		expect(list.coalitions.map((c) => c.slug)).toEqual(['kg', 'kz', 'tj', 'uz']);
		const kg = list.coalitions.find((c) => c.slug === 'kg')!;
		expect(kg.reported).toEqual([
			{ members: 22, source: 'kg-article', note: 'at formation' },
			{ members: 31, womenRepresented: 41535, source: 'cipe', note: 'later count' }
		]);
		expect(kg.registeredMembers).toBe(0);
		expect(list.coalitions.find((c) => c.slug === 'tj')!.adoption).toEqual({ adopted: 11, total: 13 });
		expect(list.coalitions.find((c) => c.slug === 'kz')!.adoption).toEqual({ adopted: 1, total: 2 });
		expect(list.sources.find((s) => s.key === 'cipe')?.url).toBe('https://cipe.org/?p=52670');

		const uz = await coalitions.listItems(ctx(admin), 'uz');
		expect(uz).toHaveLength(1);
		expect(uz[0].timeline).toHaveLength(1);
		expect(uz[0].timeline[0]).toMatchObject({
			date: '2023-04',
			status: 'adopted',
			evidence: [{ kind: 'source', sourceKey: 'wage-report', url: null }],
			instrument: {
				type: 'law',
				name: 'law criminalizing domestic violence, April 2023',
				number: null,
				clause: null
			}
		});
		const kgItems = await coalitions.listItems(ctx(admin), 'kg');
		// The source's own word is kept beside Birge's status; its missing date stays missing.
		expect(kgItems[0].timeline[0]).toMatchObject({
			status: 'under_consideration',
			reportedStatus: 'in_progress',
			date: null
		});
		const tj = await coalitions.listItems(ctx(admin), 'tj');
		expect(tj.find((i) => i.kind === 'aggregate')?.aggregate).toEqual({ adopted: 10, total: 12 });
	});
});

describe('membership', () => {
	it('join request → coordinator review → member; leaving', async () => {
		await expect(coalitions.requestJoin(ctx(staffA), 'kg', { organizationId: orgB })).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		const { id } = await coalitions.requestJoin(ctx(staffA), 'kg', {
			organizationId: orgA,
			region: 'KG-Y',
			womenRepresented: '120',
			barriers: ['finance', 'markets'],
			contactEmail: 'A@example.org',
			listed: 'on'
		});
		await expect(coalitions.requestJoin(ctx(staffA), 'kg', { organizationId: orgA })).rejects.toMatchObject({
			code: 'CONFLICT'
		});
		await expect(coalitions.listJoinRequests(ctx(staffA), 'kg')).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(
			coalitions.reviewJoin(ctx(kzCoordinator), 'kg', { memberId: id, decision: 'approve' })
		).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		expect((await coalitions.listJoinRequests(ctx(kgCoordinator), 'kg')).map((r) => r.id)).toEqual([id]);
		await coalitions.reviewJoin(ctx(kgCoordinator), 'kg', { memberId: id, decision: 'approve' });
		await expect(
			coalitions.reviewJoin(ctx(kgCoordinator), 'kg', { memberId: id, decision: 'decline' })
		).rejects.toMatchObject({
			code: 'CONFLICT'
		});

		const publicDirectory = await coalitions.listDirectory(ctx(actor('visitor')), 'kg');
		expect(publicDirectory.members.map((m) => m.name)).toEqual(['Association A']);
		expect(publicDirectory.members[0].contacts).toBeNull();
		const insiderDirectory = await coalitions.listDirectory(ctx(staffA), 'kg');
		expect(insiderDirectory.members[0].contacts).toMatchObject({ email: 'a@example.org' });
		expect(
			(await coalitions.listCoalitions(ctx(admin))).coalitions.find((c) => c.slug === 'kg')!.registeredMembers
		).toBe(1);
	});

	it('a request for an organization new to Birge creates it on approval, with the requester as its admin', async () => {
		const user = await accounts.signUpWithEmail(
			ctx(actor('anon')),
			{ name: 'Gulnara', email: 'gulnara@example.org', password: 'long-enough-pass-1' },
			{ headers: new Headers() }
		);
		const requester = actor(user.userId);
		const { id } = await coalitions.requestJoin(ctx(requester), 'kg', {
			organizationName: 'Naryn Women Weavers',
			organizationKind: 'business_association'
		});
		const result = await coalitions.reviewJoin(ctx(kgCoordinator), 'kg', {
			memberId: id,
			decision: 'approve'
		});
		expect(result.organizationId).toBeTruthy();
		const members = await accounts.listMembers(ctx(admin), result.organizationId!);
		expect(members).toEqual([expect.objectContaining({ userId: user.userId, role: 'admin' })]);
		const fresh = await accounts.loadActor(db.handle.db, user.userId);
		await coalitions.leaveCoalition(ctx(fresh), 'kg', result.organizationId!);
		const dir = await coalitions.listDirectory(ctx(admin), 'kg');
		expect(dir.members.some((m) => m.organizationId === result.organizationId)).toBe(false);
	});

	it('refuses to propose a government body or a donor as a member (the join form offers neither)', async () => {
		const someone = actor('proposer-1');
		for (const kind of ['government_body', 'donor'])
			await expect(
				coalitions.requestJoin(ctx(someone), 'kg', {
					organizationName: 'Ministry',
					organizationKind: kind as never
				})
			).rejects.toMatchObject({
				code: 'INVALID',
				fields: { organizationKind: { key: 'error_field_choice' } }
			});
		expect((await coalitions.joinOptions(ctx(someone), 'kg')).myRequests).toEqual([]);
	});
});

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

describe('access', () => {
	it('a Kyrgyz coordinator cannot change a Kazakh recommendation', async () => {
		const kz = await coalitions.listItems(ctx(admin), 'kz');
		const target = kz.find((i) => i.kind === 'recommendation' && i.status === 'drafting')!;
		const input = { recommendationId: target.id, date: '2025', status: 'endorsed' as const };
		await expect(coalitions.recordStatus(ctx(kgCoordinator), 'kz', input)).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		// Nor through the Kyrgyz coalition's address.
		await expect(coalitions.recordStatus(ctx(kgCoordinator), 'kg', input)).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
		await expect(coalitions.recordStatus(ctx(staffA), 'kz', input)).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		await expect(coalitions.recordStatus(db.ctx(), 'kz', input)).rejects.toMatchObject({
			code: 'UNAUTHENTICATED'
		});
		await coalitions.recordStatus(ctx(kzCoordinator), 'kz', input);
	});

	it('a council coordinator of a coalition coordinates it without a role grant', async () => {
		const chairless = actor('council-coord');
		await coalitions.setCouncilRole(ctx(admin), 'tj', {
			userId: 'council-coord',
			role: 'coordinator',
			displayName: 'Coordinator TJ'
		});
		const id = await addItem(chairless, 'tj', 'Childcare for entrepreneurs');
		await expect(addItem(chairless, 'uz', 'Not mine')).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect((await coalitions.getItem(ctx(admin), 'tj', id)).item.status).toBe('drafting');
	});

	it('a non-member cannot endorse; endorsing twice counts once; members read the discussion', async () => {
		const id = await addItem(kgCoordinator, 'kg', 'Women in procurement');
		await expect(
			coalitions.endorse(ctx(staffB), 'kg', { recommendationId: id, organizationId: orgB })
		).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		await expect(
			coalitions.endorse(ctx(staffB), 'kg', { recommendationId: id, organizationId: orgA })
		).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		expect(
			(await coalitions.endorse(ctx(staffA), 'kg', { recommendationId: id, organizationId: orgA })).created
		).toBe(true);
		expect(
			(await coalitions.endorse(ctx(staffA), 'kg', { recommendationId: id, organizationId: orgA })).created
		).toBe(false);
		const view = await coalitions.getItem(ctx(staffA), 'kg', id);
		expect(view.item.endorsements).toBe(1);
		expect(view.endorsers.map((e) => e.name)).toEqual(['Association A']);
		expect(view.viewer.canEndorseFor).toEqual([]);

		await coalitions.addComment(
			ctx(staffA),
			'kg',
			{ recommendationId: id, body: 'We support this.' },
			'Aizada'
		);
		await expect(
			coalitions.addComment(ctx(staffB), 'kg', { recommendationId: id, body: 'Let me in' }, 'B')
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect((await coalitions.getItem(ctx(staffA), 'kg', id)).discussion).toEqual([
			expect.objectContaining({ author: 'Aizada', organization: 'Association A', body: 'We support this.' })
		]);
		expect((await coalitions.getItem(ctx(staffB), 'kg', id)).discussion).toBeNull();
		expect((await coalitions.getItem(db.ctx(), 'kg', id)).discussion).toBeNull();
	});
});

describe('profile', () => {
	it('is written per language by coordinators, and read with a fallback notice', async () => {
		await expect(
			coalitions.updateProfile(ctx(kzCoordinator), 'kg', { profile: { ru: 'x' } })
		).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		await coalitions.updateProfile(ctx(kgCoordinator), 'kg', {
			profile: { ru: 'Коалиция', ky: 'Коалиция ky', en: '' }
		});
		expect(await coalitions.getProfile(ctx(kgCoordinator), 'kg')).toEqual({
			ru: 'Коалиция',
			ky: 'Коалиция ky'
		});
		const kk = await coalitions.getCoalition(db.ctx({ locale: 'kk' }), 'kg');
		expect(kk.profile).toEqual({ text: 'Коалиция', fallbackLocale: 'ru', draft: false });
	});

	it('refuses an empty form, which would erase the profile, and changes nothing', async () => {
		const before = await coalitions.getProfile(ctx(kgCoordinator), 'kg');
		for (const profile of [{}, { ru: '', en: '   ' }]) {
			await expect(coalitions.updateProfile(ctx(kgCoordinator), 'kg', { profile })).rejects.toMatchObject({
				code: 'INVALID',
				fields: { profile: { key: 'coalitions_error_profile_empty' } }
			});
		}
		expect(await coalitions.getProfile(ctx(kgCoordinator), 'kg')).toEqual(before);
	});
});

describe('wording and new coalitions', () => {
	it('coordinators edit wording and translations; reported outcomes keep the source text; history stays', async () => {
		const id = await addItem(kgCoordinator, 'kg', 'Draft wording');
		await coalitions.recordStatus(ctx(kgCoordinator), 'kg', {
			recommendationId: id,
			date: '2025',
			status: 'endorsed'
		});
		await expect(
			coalitions.updateRecommendationText(ctx(staffA), 'kg', { recommendationId: id, title: { en: 'x' } })
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await coalitions.updateRecommendationText(ctx(kgCoordinator), 'kg', {
			recommendationId: id,
			title: { en: 'Final wording', ky: 'Акыркы текст' },
			text: { ru: 'Полный текст' }
		});
		const ky = await coalitions.getItem(db.ctx({ locale: 'ky' }), 'kg', id);
		expect(ky.item.title).toEqual({ text: 'Акыркы текст', fallbackLocale: null, draft: false });
		expect(ky.item.text).toEqual({ text: 'Полный текст', fallbackLocale: 'ru', draft: false });
		expect(ky.item.timeline.map((e) => e.status)).toEqual(['drafting', 'endorsed']);
		await expect(
			coalitions.updateRecommendationText(ctx(kgCoordinator), 'kg', {
				recommendationId: 'kg-reported-1',
				title: { en: 'x' }
			})
		).rejects.toMatchObject({ messageKey: 'coalitions_error_reported_text' });
	});

	it('platform admins add coalitions; others cannot', async () => {
		await expect(
			coalitions.createCoalition(ctx(kgCoordinator), {
				slug: 'kg-south',
				country: 'KG',
				name: { en: 'South' }
			})
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await coalitions.createCoalition(ctx(admin), { slug: 'kg-south', country: 'KG', name: { en: 'South' } });
		await expect(
			coalitions.createCoalition(ctx(admin), { slug: 'kg-south', country: 'KG', name: { en: 'Again' } })
		).rejects.toMatchObject({ code: 'CONFLICT' });
		const south = await coalitions.getCoalition(ctx(kgCoordinator), 'kg-south');
		// A country grant covers every coalition of that country.
		expect(south.viewer.coordinator).toBe(true);
		expect(south.adoption).toEqual({ adopted: 0, total: 0 });
	});
});

describe('agendas', () => {
	it('publishes numbered versions that snapshot the agenda', async () => {
		const { id: agendaId } = await coalitions.createAgenda(ctx(kgCoordinator), 'kg', {
			title: { en: 'NWBA 2025' }
		});
		await addItem(kgCoordinator, 'kg', 'First', { agendaId });
		expect(await coalitions.publishAgendaVersion(ctx(kgCoordinator), 'kg', { agendaId })).toEqual({
			number: 1
		});
		await addItem(kgCoordinator, 'kg', 'Second', { agendaId, barrier: 'markets' });
		expect(
			await coalitions.publishAgendaVersion(ctx(kgCoordinator), 'kg', { agendaId, note: 'added markets' })
		).toEqual({
			number: 2
		});
		const kg = await coalitions.getCoalition(ctx(admin), 'kg');
		expect(kg.agendas.find((a) => a.id === agendaId)?.versions.map((v) => v.items)).toEqual([1, 2]);
	});
});

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

/** A digest of every coalitions table and of the audit log: any insert, update or delete changes it. */
async function stateDigest(): Promise<Record<string, string>> {
	const tables = rowsOf<{ name: string }>(
		await db.handle.db.execute(
			sql`select table_name as name from information_schema.tables
				where table_schema = current_schema() and (table_name like 'coalitions\_%' or table_name in ('core_audit_log', 'accounts_organization', 'accounts_organization_member'))
				order by table_name`
		)
	);
	const digest: Record<string, string> = {};
	for (const { name } of tables) {
		const [row] = rowsOf<{ d: string | null }>(
			await db.handle.db.execute(
				sql.raw(`select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as d from "${name}" t`)
			)
		);
		digest[name] = row.d ?? '';
	}
	return digest;
}

/** Public functions that check no access (public reads); every other function must be refused below. */
const PUBLIC = [
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
	'getEvidenceFile',
	'exportRecommendationsCsv',
	'exportTimelineCsv'
];

describe('every function that checks access refuses, and changes nothing', () => {
	it('refuses visitors and the wrong people, function by function', async () => {
		const item = await addItem(kgCoordinator, 'kg', 'Refusals');
		const { id: agendaId } = await coalitions.createAgenda(ctx(kgCoordinator), 'kg', { title: { en: 'A' } });
		const { id: pending } = await coalitions.requestJoin(ctx(staffB), 'kg', { organizationId: orgB });
		const kg = await coalitions.getCoalition(ctx(admin), 'kg');
		const entry = { recommendationId: item, date: '2026', status: 'endorsed' as const };
		const csv = 'recommendation_id,date,status\n' + `${item},2026,endorsed\n`;
		/** Each function: who is refused (besides a visitor, who always is), and how it is called. */
		const cases: Record<string, { refused: Actor[]; call: (c: ServiceContext) => Promise<unknown> }> = {
			joinOptions: { refused: [], call: (c) => coalitions.joinOptions(c, 'kg') },
			followCoalition: {
				refused: [],
				call: (c) => coalitions.followCoalition(c, 'kg', { channel: 'email' })
			},
			unfollowCoalition: { refused: [], call: (c) => coalitions.unfollowCoalition(c, 'kg') },
			requestJoin: {
				refused: [staffA], // for an organization that is not hers
				call: (c) => coalitions.requestJoin(c, 'kg', { organizationId: orgB })
			},
			listJoinRequests: {
				refused: [staffA, kzCoordinator],
				call: (c) => coalitions.listJoinRequests(c, 'kg')
			},
			reviewJoin: {
				refused: [staffA, staffB, kzCoordinator],
				call: (c) => coalitions.reviewJoin(c, 'kg', { memberId: pending, decision: 'approve' })
			},
			updateMemberProfile: {
				refused: [staffB, kzCoordinator],
				call: (c) => coalitions.updateMemberProfile(c, 'kg', { organizationId: orgA, listed: 'on' })
			},
			leaveCoalition: {
				refused: [staffB, kzCoordinator],
				call: (c) => coalitions.leaveCoalition(c, 'kg', orgA)
			},
			getProfile: { refused: [staffA, kzCoordinator], call: (c) => coalitions.getProfile(c, 'kg') },
			updateProfile: {
				refused: [staffA, kzCoordinator],
				call: (c) => coalitions.updateProfile(c, 'kg', { profile: { en: 'Taken over' } })
			},
			setCouncilRole: {
				// A coordinator is not the chair: only the chair (or a platform admin) sets council roles.
				refused: [staffA, kgCoordinator],
				call: (c) =>
					coalitions.setCouncilRole(c, 'kg', { userId: 'staff-a', role: 'chair', displayName: 'Me' })
			},
			createCoalition: {
				refused: [staffA, kgCoordinator],
				call: (c) => coalitions.createCoalition(c, { slug: 'kg-refused', country: 'KG', name: { en: 'X' } })
			},
			createAgenda: {
				refused: [staffA, kzCoordinator],
				call: (c) => coalitions.createAgenda(c, 'kg', { title: { en: 'Mine' } })
			},
			publishAgendaVersion: {
				refused: [staffA, kzCoordinator],
				call: (c) => coalitions.publishAgendaVersion(c, 'kg', { agendaId })
			},
			createRecommendation: {
				refused: [staffA, kzCoordinator],
				call: (c) => coalitions.createRecommendation(c, 'kg', { barrier: 'finance', title: { en: 'Mine' } })
			},
			updateRecommendationText: {
				refused: [staffA, kzCoordinator],
				call: (c) =>
					coalitions.updateRecommendationText(c, 'kg', { recommendationId: item, title: { en: 'Mine' } })
			},
			getRecommendationText: {
				refused: [staffA, kzCoordinator],
				call: (c) => coalitions.getRecommendationText(c, 'kg', item)
			},
			endorse: {
				refused: [staffB, kzCoordinator], // not a member organization of this coalition
				call: (c) => coalitions.endorse(c, 'kg', { recommendationId: item, organizationId: orgB })
			},
			addComment: {
				refused: [staffB, actor('someone')],
				call: (c) => coalitions.addComment(c, 'kg', { recommendationId: item, body: 'Hello' }, 'B')
			},
			recordStatus: {
				refused: [staffA, kzCoordinator],
				call: (c) => coalitions.recordStatus(c, 'kg', entry)
			},
			importTimelineCsv: {
				refused: [staffA, kzCoordinator],
				call: (c) => coalitions.importTimelineCsv(c, 'kg', { csv }, { dryRun: true })
			}
		};
		// Every function of the public API is either public or refused here.
		const functions = Object.entries(coalitions)
			.filter(([, v]) => typeof v === 'function')
			.map(([k]) => k);
		expect([...PUBLIC, ...Object.keys(cases)].sort()).toEqual(functions.sort());

		const before = await stateDigest();
		for (const [name, { refused, call }] of Object.entries(cases)) {
			await expect(call(ctx(ANONYMOUS)), `${name} by a visitor`).rejects.toMatchObject({
				code: 'UNAUTHENTICATED'
			});
			for (const who of refused)
				await expect(call(ctx(who)), `${name} by ${who.userId}`).rejects.toMatchObject({ code: 'FORBIDDEN' });
		}
		expect(await stateDigest()).toEqual(before);

		// The same calls succeed for the right person (so the refusals above are about who asks).
		await expect(coalitions.listJoinRequests(ctx(kgCoordinator), 'kg')).resolves.toEqual(
			expect.arrayContaining([expect.objectContaining({ id: pending })])
		);
		await expect(cases.getRecommendationText.call(ctx(kgCoordinator))).resolves.toMatchObject({
			reported: false
		});
		await expect(cases.getProfile.call(ctx(kgCoordinator))).resolves.toBeDefined();
		expect(kg.viewer.coordinator).toBe(true);
	});

	it('keeps what only insiders may read away from everyone else', async () => {
		const visitor = ctx(actor('visitor-2'));
		const directory = await coalitions.listDirectory(visitor, 'kg');
		expect(directory.insider).toBe(false);
		expect(directory.members.every((m) => m.listed && m.contacts === null)).toBe(true);
		const [first] = await coalitions.listItems(visitor, 'kg');
		const view = await coalitions.getItem(visitor, 'kg', first.id);
		expect(view.discussion).toBeNull();
		expect(view.viewer).toMatchObject({
			coordinator: false,
			insider: false,
			actingFor: [],
			canEndorseFor: []
		});
	});
});

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
