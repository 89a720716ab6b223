import { sql } from 'drizzle-orm';
import { setUpPeople, startServer, withApp, type Person, type TestServer } from '../harness';
import { cookiesOf, formBody, send } from './http';
import type { Role } from './table/types';

/**
 * The world both probes run in: the built server on a fresh embedded database with its seeds, one
 * signed-in person per role, and real values for every dynamic route parameter, read from the
 * seeded data (or created here) before the server starts.
 */

const PEOPLE: Record<Exclude<Role, 'anon' | 'admin'>, Person> = {
	entrepreneur: {
		name: 'Probe Entrepreneur',
		email: 'probe.entrepreneur@example.org',
		password: 'probe-pass-entre-2026'
	},
	staff: { name: 'Probe Staff', email: 'probe.staff@example.org', password: 'probe-pass-staff-2026' },
	coordinator: {
		name: 'Probe Coordinator',
		email: 'probe.coord@example.org',
		password: 'probe-pass-coord-2026'
	},
	coordinatorKZ: {
		name: 'Probe Coordinator KZ',
		email: 'probe.coordkz@example.org',
		password: 'probe-pass-coordkz-2026'
	},
	editor: { name: 'Probe Care Editor', email: 'probe.editor@example.org', password: 'probe-pass-editor-2026' }
};
const ADMIN = { email: 'admin@example.org', password: 'platform-admin-2026' };

export interface World {
	server: TestServer;
	/** Host and Origin of the server, for same-origin form posts. */
	host: string;
	cookie: Record<Role, string>;
	/** Seeded or created records, by what they are. */
	ids: Record<string, string>;
}

async function firstValue(
	db: { execute: (q: ReturnType<typeof sql>) => Promise<unknown> },
	query: ReturnType<typeof sql>
) {
	const result = (await db.execute(query)) as
		{ rows?: Record<string, unknown>[] } | Record<string, unknown>[];
	const rows = Array.isArray(result) ? result : (result.rows ?? []);
	const value = rows[0] ? Object.values(rows[0])[0] : undefined;
	if (value === undefined || value === null)
		throw new Error(`probe world: no row for ${JSON.stringify(query)}`);
	return String(value);
}

export async function startWorld(env: Record<string, string> = {}): Promise<World> {
	const ids: Record<string, string> = {};
	const server = await startServer({
		env: { BIRGE_RATE_LIMITS: '0', ...env },
		before: (dir) =>
			withApp(
				dir,
				async (_app, ctx) => {
					const admin = await setUpPeople(ctx, [
						{ person: PEOPLE.entrepreneur },
						{ person: PEOPLE.staff },
						{ person: PEOPLE.coordinator, role: 'coalition_coordinator', country: 'KG' },
						{ person: PEOPLE.coordinatorKZ, role: 'coalition_coordinator', country: 'KZ' },
						{ person: PEOPLE.editor, role: 'care_editor', country: 'KG' }
					]);
					const { accounts } = await import('#lib/server/modules/accounts');
					const org = await accounts.createOrganization(admin, {
						slug: 'probe-kg-association',
						kind: 'business_association',
						name: { en: 'Probe association (demo)' },
						country: 'KG',
						demo: true
					});
					await accounts.addMemberByEmail(admin, {
						organizationId: org.id,
						email: PEOPLE.staff.email,
						role: 'staff'
					});
					ids.org = 'probe-kg-association';
					ids.orgId = org.id;
					const db = ctx.db as never;
					ids.itemKG = await firstValue(
						db,
						sql`select r.id from coalitions_recommendation r join coalitions_coalition c on c.id = r.coalition_id where c.slug = 'kg' order by r.id limit 1`
					);
					ids.careKG = await firstValue(
						db,
						sql`select id from care_service where country = 'KG' order by id limit 1`
					);
					ids.careKZ = await firstValue(
						db,
						sql`select id from care_service where country = 'KZ' order by id limit 1`
					);
					ids.programKG = await firstValue(
						db,
						sql`select slug from programs_program where country = 'KG' and publication = 'published' order by slug limit 1`
					);
					ids.programKZ = await firstValue(
						db,
						sql`select slug from programs_program where country = 'KZ' and publication = 'published' order by slug limit 1`
					);
					const entrepreneurId = await firstValue(
						db,
						sql`select id from auth_user where email = ${PEOPLE.entrepreneur.email}`
					);
					// Shops: a demo shop the entrepreneur owns, and one of its listed products.
					ids.shop = await firstValue(db, sql`select slug from shops_shop order by slug limit 1`);
					ids.shopOther = await firstValue(db, sql`select slug from shops_shop order by slug desc limit 1`);
					ids.product = await firstValue(
						db,
						sql`select p.slug from shops_product p join shops_shop s on s.id = p.shop_id where s.slug = ${ids.shop} and p.listed order by p.slug limit 1`
					);
					await (ctx.db as never as { execute: (q: unknown) => Promise<unknown> }).execute(
						sql`insert into shops_owner (shop_id, user_id, role) select id, ${entrepreneurId}, 'owner' from shops_shop where slug = ${ids.shop}`
					);
					// Learning: a published course and its first lesson.
					ids.course = await firstValue(
						db,
						sql`select slug from learning_course where publication = 'published' order by slug limit 1`
					);
					ids.lesson = await firstValue(
						db,
						sql`select l.slug from learning_lesson l join learning_course c on c.id = l.course_id where c.slug = ${ids.course} order by l.slug limit 1`
					);
					// Two certificates of the entrepreneur's (as issued on completion; one per course): one to
					// read and download, one that the revoke row may revoke.
					ids.certificate = 'PRBE-CERT-0001';
					ids.certificateToRevoke = 'PRBE-CERT-0002';
					for (const [offset, code] of [ids.certificate, ids.certificateToRevoke].entries())
						await (ctx.db as never as { execute: (q: unknown) => Promise<unknown> }).execute(
							sql`insert into learning_certificate (id, code, user_id, course_id, name, course_title, locale, issued_at)
								select ${`probe-${code}`}, ${code}, ${entrepreneurId}, id, 'Probe entrepreneur', title, 'en', now()
								from learning_course where publication = 'published' order by slug limit 1 offset ${offset}`
						);
					// Production: a network the entrepreneur coordinates (any signed-in woman may start one).
					const { production } = await import('#lib/server/modules/production');
					const owner = { ...ctx, actor: await accounts.loadActor(ctx.db, entrepreneurId) };
					ids.network = (
						await production.createNetwork(owner, { name: 'Probe network (demo)', country: 'KG' })
					).id;
					// Impact: an open survey wave, when the seeds hold one.
					ids.wave = await firstValue(
						db,
						sql`select id from impact_wave where open order by id limit 1`
					).catch(() => 'no-open-wave');
					// Programs: the entrepreneur's calendar feed link (a capability URL).
					const { programs } = await import('#lib/server/modules/programs');
					ids.calendarToken = `${await programs.feedToken(owner)}.ics`;
				},
				{ BIRGE_RATE_LIMITS: '0' }
			)
	});
	const host = new URL(server.url).host;
	const cookie = await signInAll(server.url, host);
	// HSDS (the open directory API): ids as the API gives them.
	for (const [key, path] of [
		['hsdsService', '/api/v1/hsds/services'],
		['hsdsOrganization', '/api/v1/hsds/organizations']
	] as const) {
		const reply = await send(server.url, { path, headers: { host, accept: 'application/json' } });
		const body = JSON.parse(reply.body) as { contents?: { id: string }[] } | { id: string }[];
		const first = Array.isArray(body) ? body[0] : body.contents?.[0];
		if (!first) throw new Error(`probe world: no id from ${path}`);
		ids[key] = first.id;
	}
	return { server, host, cookie, ids };
}

/** Signs every role in (again: the matrix ends with sign-out), one session each. */
export async function signInAll(url: string, host: string): Promise<Record<Role, string>> {
	const cookie = { anon: '' } as Record<Role, string>;
	const who: [Role, { email: string; password: string }][] = [
		...(Object.entries(PEOPLE) as [Role, Person][]),
		['admin', ADMIN]
	];
	for (const [role, person] of who) {
		const reply = await send(url, {
			method: 'POST',
			path: '/en/auth/sign-in',
			headers: {
				host,
				origin: url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: formBody({ email: person.email, password: person.password, next: '/en/account' })
		});
		if (reply.status !== 303) throw new Error(`probe world: sign-in of ${role} answered ${reply.status}`);
		cookie[role] = cookiesOf(reply);
	}
	return cookie;
}
