import * as q from './queries';
import {
	actingOrganizations,
	isCoordinator,
	isInsider,
	memberOrganizationsOf,
	type CoalitionRef
} from './access';
import { adoptionByBarrier, adoptionOf } from './workflow';
import { coalitionOr404, itemOr404, organizationNames } from './lookup';
import {
	localisedSources,
	text,
	toItemApi,
	toItemViews,
	type CoalitionsApi,
	type ItemView,
	type RecommendationsApi
} from './views';
import { reference, requireUser, translatedFields, type ServiceContext } from '../../core';
import { coalitionTexts, initiativeTexts, type InitiativeData } from './translations';

type CoalitionRow = Awaited<ReturnType<typeof q.allCoalitions>>[number];

/**
 * A coalition's figures' notes, founding note, leadership role and partnership in her language (the
 * record keeps them as published; translations beside it), each with its machine-draft mark.
 */
async function localisedFigures(ctx: ServiceContext, rows: CoalitionRow[]) {
	const texts = await translatedFields(ctx, coalitionTexts, rows);
	return (c: CoalitionRow) => {
		const t = texts.get(c.id) ?? {};
		const pick = (path: string, own: string | null | undefined) =>
			own ? text(t[path] ?? { en: own }, ctx.locale) : null;
		const founded = c.founded ? { ...c.founded, note: pick('founded.note', c.founded.note) } : null;
		const leadership = c.leadership
			? {
					...c.leadership,
					role: pick('leadership.role', c.leadership.role)!,
					person: pick('leadership.person', c.leadership.person)!
				}
			: null;
		return {
			founded,
			reported: c.reported.map((r, i) => ({ ...r, note: pick(`reported.${i}.note`, r.note) })),
			leadership,
			partnerOf: pick('partnerOf', c.partnerOf)
		};
	};
}

type InitiativeRow = Awaited<ReturnType<typeof q.allInitiatives>>[number];

/**
 * The initiative in her language: its name, partners, goals, barriers, the note on women represented
 * and the media channels (the row keeps them as published; translations beside it), each with its
 * machine-draft mark; a text with no translation falls back along the chain, and says so.
 */
async function localisedInitiative(ctx: ServiceContext, row: InitiativeRow) {
	const t = (await translatedFields(ctx, initiativeTexts, [row])).get(row.id) ?? {};
	const pick = (path: string, own: string) => text(t[path] ?? { en: own }, ctx.locale);
	const data = row.data as InitiativeData;
	const w = data.womenRepresented;
	return {
		name: pick('name', row.name),
		womenRepresented: w
			? { value: w.value, source: w.source, note: w.note ? pick('womenRepresented.note', w.note) : null }
			: null,
		mediaReach: (data.mediaReach ?? []).map((m, i) => ({
			people: m.people,
			source: m.source,
			channel: pick(`mediaReach.${i}.channel`, m.channel)
		})),
		partners: (data.partners ?? []).map((p, i) => pick(`partners.${i}`, p)),
		goals: (data.goals ?? []).map((g, i) => pick(`goals.${i}`, g)),
		barriers: (data.barriers ?? []).map((b, i) => pick(`barriers.${i}`, b))
	};
}

/**
 * What the coalitions' pages and API read. Everything here is public except what the viewer's
 * role opens: member contacts and the discussion for insiders, the join form for signed-in users.
 */

/** The coalitions with their reported figures (with sources) and what is tracked in Birge. */
export async function listCoalitions(ctx: ServiceContext) {
	const [rows, sources, members, initiatives] = await Promise.all([
		q.allCoalitions(ctx.db),
		localisedSources(ctx),
		q.memberCounts(ctx.db),
		q.allInitiatives(ctx.db)
	]);
	const items = await q.itemsOf(
		ctx.db,
		rows.map((r) => r.id)
	);
	const figures = await localisedFigures(ctx, rows);
	return {
		initiative: initiatives[0] ? await localisedInitiative(ctx, initiatives[0]) : null,
		sources,
		coalitions: rows.map((c) => ({
			slug: c.slug,
			country: c.country,
			name: text(c.name, ctx.locale),
			...figures(c),
			registeredMembers: members.get(c.id) ?? 0,
			adoption: adoptionOf(items.filter((i) => i.coalitionId === c.id))
		}))
	};
}

/** GET /api/v1/coalitions: the coalitions as the API sends them (`origin` makes addresses absolute). */
export async function coalitionsForApi(ctx: ServiceContext, origin: string): Promise<CoalitionsApi> {
	const data = await listCoalitions(ctx);
	const sources = new Map(data.sources.map((s) => [s.key, s]));
	return {
		items: data.coalitions.map((c) => ({
			slug: c.slug,
			country: c.country,
			name: c.name.text,
			fallbackLocale: c.name.fallbackLocale,
			reported: c.reported.map((r) => ({
				members: r.members ?? null,
				womenRepresented: r.womenRepresented ?? null,
				date: r.date ?? null,
				note: r.note?.text ?? null,
				source: r.source,
				sourceTitle: sources.get(r.source)?.title ?? r.source,
				sourceUrl: sources.get(r.source)?.url ?? null
			})),
			registeredMembers: c.registeredMembers,
			adoption: c.adoption,
			url: `${origin}/${ctx.locale}/coalitions/${c.slug}`
		})),
		sources: data.sources.map((s) => ({ key: s.key, title: s.title, url: s.url }))
	};
}

/** What the signed-in visitor may do in this coalition. */
export async function viewerOf(ctx: ServiceContext, c: CoalitionRef) {
	const [coordinator, insider, memberships] = await Promise.all([
		isCoordinator(ctx, c),
		isInsider(ctx, c),
		memberOrganizationsOf(ctx, c)
	]);
	const acting = memberships
		.filter((m) => m.role === 'staff' || m.role === 'admin')
		.map((m) => m.organizationId);
	const names = await organizationNames(ctx, acting);
	return {
		signedIn: ctx.actor.userId !== null,
		coordinator,
		insider,
		actingFor: acting.flatMap((id) => names.get(id) ?? [])
	};
}

/** The public accountability page: figures overall and per barrier, and every tracked item. */
export async function getCoalition(ctx: ServiceContext, slug: string) {
	const c = await coalitionOr404(ctx, slug);
	const [rows, sources, members, agendas, councilRows, viewer, countries] = await Promise.all([
		q.itemsOf(ctx.db, [c.id]),
		localisedSources(ctx),
		q.memberCounts(ctx.db),
		q.agendasOf(ctx.db, c.id),
		q.councilOf(ctx.db, c.id),
		viewerOf(ctx, c),
		reference.listCountries(ctx)
	]);
	const [items, versions] = await Promise.all([
		toItemViews(ctx, rows),
		q.agendaVersionsOf(
			ctx.db,
			agendas.map((a) => a.id)
		)
	]);
	return {
		slug: c.slug,
		country: c.country,
		countryName: countries.find((x) => x.code === c.country)?.name ?? c.country,
		name: text(c.name, ctx.locale),
		profile: text(c.profile, ctx.locale),
		...(await localisedFigures(ctx, [c]))(c),
		sources,
		registeredMembers: members.get(c.id) ?? 0,
		adoption: adoptionOf(rows),
		byBarrier: adoptionByBarrier(rows),
		demoItems: rows.filter((r) => r.demo).length,
		items,
		agendas: agendas.map((a) => ({
			id: a.id,
			title: text(a.title, ctx.locale),
			demo: a.demo,
			versions: versions
				.filter((v) => v.agendaId === a.id)
				.map((v) => ({
					number: v.number,
					note: v.note,
					items: v.snapshot.length,
					at: v.createdAt.toISOString()
				}))
		})),
		council: councilRows.map((r) => ({ name: r.displayName, role: r.role })),
		viewer
	};
}

/** Items (recommendations, aggregate outcomes, coalition outputs) with their whole timelines. */
export async function listItems(ctx: ServiceContext, slug: string): Promise<ItemView[]> {
	const c = await coalitionOr404(ctx, slug);
	return toItemViews(ctx, await q.itemsOf(ctx.db, [c.id]));
}

/** Items with the coalition's adoption figure. */
export async function recommendationsOf(ctx: ServiceContext, slug: string) {
	const c = await coalitionOr404(ctx, slug);
	const rows = await q.itemsOf(ctx.db, [c.id]);
	return { slug: c.slug, adoption: adoptionOf(rows), items: await toItemViews(ctx, rows) };
}

/** GET /api/v1/coalitions/{slug}/recommendations, as the API sends it. */
export async function recommendationsForApi(
	ctx: ServiceContext,
	slug: string,
	origin: string
): Promise<RecommendationsApi> {
	const { adoption, items } = await recommendationsOf(ctx, slug);
	return { coalition: slug, adoption, items: items.map((i) => toItemApi(i, origin)) };
}

/** One item: its timeline, proposers and endorsers; the discussion for insiders only. */
export async function getItem(ctx: ServiceContext, slug: string, id: string) {
	const c = await coalitionOr404(ctx, slug);
	const row = await itemOr404(ctx, c.id, id);
	const [[item], proposers, endorsements, viewer] = await Promise.all([
		toItemViews(ctx, [row]),
		q.proposersOf(ctx.db, id),
		q.endorsementsOf(ctx.db, id),
		viewerOf(ctx, c)
	]);
	const comments = viewer.insider ? await q.commentsOf(ctx.db, id) : null;
	const names = await organizationNames(ctx, [
		...proposers.map((p) => p.organizationId),
		...endorsements.map((e) => e.organizationId),
		...(comments ?? []).map((r) => r.organizationId)
	]);
	const discussion =
		comments?.map((r) => ({
			id: r.id,
			author: r.authorName,
			organization: (r.organizationId && names.get(r.organizationId)?.name) || null,
			body: r.body,
			at: r.createdAt.toISOString()
		})) ?? null;
	const endorsed = new Set(endorsements.map((e) => e.organizationId));
	return {
		coalition: { slug: c.slug, country: c.country, name: text(c.name, ctx.locale) },
		item,
		proposers: proposers.flatMap((p) => names.get(p.organizationId) ?? []),
		endorsers: endorsements.flatMap((e) => names.get(e.organizationId) ?? []),
		discussion,
		viewer: {
			...viewer,
			canEndorseFor: viewer.actingFor.filter((o) => !endorsed.has(o.id))
		}
	};
}

/** The member directory: listed members for everyone; all members, with contacts, for insiders. */
export async function listDirectory(ctx: ServiceContext, slug: string) {
	const c = await coalitionOr404(ctx, slug);
	const [insider, rows, divisions, acting] = await Promise.all([
		isInsider(ctx, c),
		q.membersOf(ctx.db, c.id, ['member']),
		reference.listDivisions(ctx, c.country),
		actingOrganizations(ctx, c)
	]);
	const regions = new Map(divisions.map((d) => [d.code, d.name]));
	const names = await organizationNames(
		ctx,
		rows.map((r) => r.organizationId)
	);
	const mine = new Set(acting);
	return {
		coalition: { slug: c.slug, name: text(c.name, ctx.locale) },
		insider,
		regions: [...regions].map(([code, name]) => ({ code, name })),
		members: rows
			.filter((r) => insider || r.listed)
			.map((r) => {
				const org = r.organizationId ? names.get(r.organizationId) : undefined;
				return {
					id: r.id,
					organizationId: r.organizationId,
					name: org?.name ?? '',
					demo: org?.demo ?? false,
					type: r.orgType,
					region: r.region ? (regions.get(r.region) ?? r.region) : null,
					womenRepresented: r.womenRepresented,
					barriers: r.barriers,
					listed: r.listed,
					contacts: insider ? r.contacts : null,
					canLeave: r.organizationId ? mine.has(r.organizationId) : false,
					regionCode: r.region
				};
			})
			.sort((a, b) => a.name.localeCompare(b.name, ctx.locale))
	};
}

/** For the join form (signed-in users): the regions and the organizations the user acts for. */
export async function joinOptions(ctx: ServiceContext, slug: string) {
	const c = await coalitionOr404(ctx, slug);
	const userId = requireUser(ctx);
	const mine = ctx.actor.memberships
		.filter((m) => m.role === 'staff' || m.role === 'admin')
		.map((m) => m.organizationId);
	const [regions, open] = await Promise.all([
		reference.listDivisions(ctx, c.country),
		q.membersOf(ctx.db, c.id, ['pending', 'member'])
	]);
	const requestedByMe = open.filter((r) => r.requestedBy === userId);
	const names = await organizationNames(ctx, [...mine, ...requestedByMe.map((r) => r.organizationId)]);
	return {
		coalition: { slug: c.slug, name: text(c.name, ctx.locale), country: c.country },
		regions: regions.map((r) => ({ code: r.code, name: r.name })),
		organizations: mine
			.filter((id) => !open.some((r) => r.organizationId === id))
			.flatMap((id) => names.get(id) ?? []),
		myRequests: requestedByMe.map((r) => ({
			id: r.id,
			status: r.status,
			name: (r.organizationId && names.get(r.organizationId)?.name) || (r.proposedOrganization?.name ?? '')
		}))
	};
}
