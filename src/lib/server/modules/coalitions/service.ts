import { and, eq, inArray, max } from 'drizzle-orm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
	agenda,
	agendaVersion,
	BARRIERS,
	coalition,
	comment,
	council,
	endorsement,
	file,
	initiative,
	INSTRUMENT_TYPES,
	member,
	proposer,
	recommendation,
	STATUSES,
	timelineEntry,
	type Barrier,
	type Instrument,
	type ItemKind,
	type Status
} from './schema';
import {
	agendaInput,
	agendaVersionInput,
	commentInput,
	councilInput,
	endorseInput,
	importInput,
	joinInput,
	memberProfileInput,
	recommendationTextInput,
	coalitionInput,
	profileInput,
	recommendationInput,
	reviewInput,
	timelineInput
} from './inputs';
import * as q from './queries';
import {
	actingOrganizations,
	isCoordinator,
	isInsider,
	memberOrganizationsOf,
	requireCoordinator,
	requireInsider
} from './access';
import {
	adoptionByBarrier,
	adoptionOf,
	canMove,
	NEEDS_EVIDENCE,
	NEEDS_INSTRUMENT,
	type Adoption
} from './workflow';
import { discardFile, putFile } from './files';
import { csvRecords, toCsv } from './csv';
import {
	AppError,
	fieldErrors,
	isPlatformAdmin,
	once,
	parseInput,
	pickText,
	reference,
	requireMember,
	requireUser,
	textIn,
	writeAudit,
	type FieldError,
	type I18nText,
	type ServiceContext
} from '../../core';
import { accounts } from '../accounts';
import { LOCALES, type Locale } from '#lib/i18n/locales';

/* ------------------------------------------------------------------ views */

export interface Text {
	text: string;
	/** The locale the text is in, when it is not the one asked for (the page says so). */
	fallbackLocale: Locale | null;
}

function text(value: I18nText | null | undefined, locale: Locale): Text {
	const picked = pickText(value, locale);
	return { text: picked?.text ?? '', fallbackLocale: picked?.fallback ? picked.locale : null };
}

export interface Evidence {
	kind: 'url' | 'file' | 'source';
	/** External link, or the evidence file's path, or the source's own URL (may be null). */
	url: string | null;
	title: string;
	sourceKey: string | null;
}

export interface EntryView {
	id: string;
	seq: number;
	date: string | null;
	status: Status;
	reportedStatus: string | null;
	progress: number | null;
	aggregate: Adoption | null;
	note: Text;
	/** Everything recorded as evidence: an uploaded document, a link, a source. */
	evidence: Evidence[];
	instrument: Instrument | null;
	correctsId: string | null;
	correctedBy: string[];
	recordedAt: string;
}

export interface ItemView {
	id: string;
	kind: ItemKind;
	barrier: Barrier;
	title: Text;
	text: Text;
	targetBody: string | null;
	status: Status;
	progress: number | null;
	aggregate: Adoption | null;
	agendaId: string | null;
	sourceKey: string | null;
	demo: boolean;
	endorsements: number;
	latest: EntryView | null;
	/** The evidence behind the current status: the newest entry with this status that has some. */
	evidence: Evidence[];
	timeline: EntryView[];
}

export const FILE_PATH = '/api/v1/coalitions/evidence/';

type ItemRow = typeof recommendation.$inferSelect;
type EntryRow = Awaited<ReturnType<typeof q.entriesOf>>[number];

function entryView(row: EntryRow, locale: Locale, correctedBy: string[]): EntryView {
	const e = row.entry;
	const evidence: Evidence[] = [];
	if (e.evidenceFileId)
		evidence.push({
			kind: 'file',
			url: FILE_PATH + e.evidenceFileId,
			title: row.fileName ?? 'document',
			sourceKey: null
		});
	if (e.evidenceUrl)
		evidence.push({ kind: 'url', url: e.evidenceUrl, title: e.evidenceUrl, sourceKey: null });
	if (e.evidenceSourceKey)
		evidence.push({
			kind: 'source',
			url: row.sourceUrl ?? null,
			title: row.sourceTitle ?? e.evidenceSourceKey,
			sourceKey: e.evidenceSourceKey
		});
	return {
		id: e.id,
		seq: e.seq,
		date: e.date,
		status: e.status,
		reportedStatus: e.reportedStatus,
		progress: e.progress,
		aggregate:
			e.aggregateTotal !== null ? { adopted: e.aggregateAdopted ?? 0, total: e.aggregateTotal } : null,
		note: text(e.note, locale),
		evidence,
		instrument: e.instrument ?? null,
		correctsId: e.correctsId,
		correctedBy,
		recordedAt: e.createdAt.toISOString()
	};
}

async function itemViews(ctx: ServiceContext, rows: ItemRow[]): Promise<ItemView[]> {
	const ids = rows.map((r) => r.id);
	const [entries, counts] = await Promise.all([q.entriesOf(ctx.db, ids), q.endorsementCounts(ctx.db, ids)]);
	const correctedBy = new Map<string, string[]>();
	for (const { entry } of entries)
		if (entry.correctsId)
			correctedBy.set(entry.correctsId, [...(correctedBy.get(entry.correctsId) ?? []), entry.id]);
	const byItem = new Map<string, EntryView[]>();
	for (const row of entries) {
		const list = byItem.get(row.entry.recommendationId) ?? [];
		list.push(entryView(row, ctx.locale, correctedBy.get(row.entry.id) ?? []));
		byItem.set(row.entry.recommendationId, list);
	}
	return rows.map((r) => {
		const timeline = byItem.get(r.id) ?? [];
		return {
			id: r.id,
			kind: r.kind,
			barrier: r.barrier,
			title: text(r.title, ctx.locale),
			text: text(r.text, ctx.locale),
			targetBody: r.targetBody,
			status: r.status,
			progress: r.progress,
			aggregate:
				r.kind === 'aggregate' ? { adopted: r.aggregateAdopted ?? 0, total: r.aggregateTotal ?? 0 } : null,
			agendaId: r.agendaId,
			sourceKey: r.sourceKey,
			demo: r.demo,
			endorsements: counts.get(r.id) ?? 0,
			latest: timeline.at(-1) ?? null,
			evidence:
				[...timeline].reverse().find((e) => e.status === r.status && e.evidence.length)?.evidence ?? [],
			timeline
		};
	});
}

async function coalitionOr404(ctx: ServiceContext, slug: string) {
	const c = await q.coalitionBySlug(ctx.db, slug);
	if (!c) throw new AppError('NOT_FOUND');
	return c;
}

async function itemOr404(ctx: ServiceContext, coalitionId: string, id: string) {
	const item = await q.itemById(ctx.db, id);
	if (!item || item.coalitionId !== coalitionId) throw new AppError('NOT_FOUND');
	return item;
}

/* --------------------------------------------------------------- reading */

/** The coalitions with their reported figures (with sources) and what is tracked in Birge. */
export async function listCoalitions(ctx: ServiceContext) {
	const [rows, sources, members, initiatives] = await Promise.all([
		q.allCoalitions(ctx.db),
		q.allSources(ctx.db),
		q.memberCounts(ctx.db),
		ctx.db.select().from(initiative)
	]);
	const items = await q.itemsOf(
		ctx.db,
		rows.map((r) => r.id)
	);
	return {
		initiative: initiatives[0] ? { name: initiatives[0].name, ...initiatives[0].data } : null,
		sources: sources.map((s) => ({ key: s.key, title: s.title, url: s.url })),
		coalitions: rows.map((c) => ({
			slug: c.slug,
			country: c.country,
			name: text(c.name, ctx.locale),
			founded: c.founded,
			reported: c.reported,
			leadership: c.leadership,
			registeredMembers: members.get(c.id) ?? 0,
			adoption: adoptionOf(items.filter((i) => i.coalitionId === c.id))
		}))
	};
}

/** What the signed-in visitor may do in this coalition. */
export async function viewerOf(ctx: ServiceContext, c: { id: string; country: string }) {
	const [coordinator, insider, memberships] = await Promise.all([
		isCoordinator(ctx, c),
		isInsider(ctx, c),
		memberOrganizationsOf(ctx, c)
	]);
	const acting = memberships
		.filter((m) => m.role === 'staff' || m.role === 'admin')
		.map((m) => m.organizationId);
	const orgs = await q.organizationsByIds(ctx.db, acting);
	return {
		signedIn: ctx.actor.userId !== null,
		coordinator,
		insider,
		actingFor: orgs.map((o) => ({ id: o.id, name: textIn(o.name, ctx.locale), demo: o.demo }))
	};
}

/** The public accountability page: figures overall and per barrier, and every tracked item. */
export async function getCoalition(ctx: ServiceContext, slug: string) {
	const c = await coalitionOr404(ctx, slug);
	const [rows, sources, members, agendas, councilRows, viewer] = await Promise.all([
		q.itemsOf(ctx.db, [c.id]),
		q.allSources(ctx.db),
		q.memberCounts(ctx.db),
		ctx.db.select().from(agenda).where(eq(agenda.coalitionId, c.id)),
		ctx.db.select().from(council).where(eq(council.coalitionId, c.id)),
		viewerOf(ctx, c)
	]);
	const items = await itemViews(ctx, rows);
	const versions = agendas.length
		? await ctx.db
				.select()
				.from(agendaVersion)
				.where(
					inArray(
						agendaVersion.agendaId,
						agendas.map((a) => a.id)
					)
				)
		: [];
	return {
		slug: c.slug,
		country: c.country,
		countryName: (await reference.listCountries(ctx)).find((x) => x.code === c.country)?.name ?? c.country,
		name: text(c.name, ctx.locale),
		profile: text(c.profile, ctx.locale),
		founded: c.founded,
		reported: c.reported,
		leadership: c.leadership,
		partnerOf: c.partnerOf,
		sources: sources.map((s) => ({ key: s.key, title: s.title, url: s.url })),
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
				.sort((x, y) => x.number - y.number)
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
	return itemViews(ctx, await q.itemsOf(ctx.db, [c.id]));
}

/** Items with the coalition's adoption figure (the API). */
export async function recommendationsOf(ctx: ServiceContext, slug: string) {
	const c = await coalitionOr404(ctx, slug);
	const rows = await q.itemsOf(ctx.db, [c.id]);
	return { slug: c.slug, adoption: adoptionOf(rows), items: await itemViews(ctx, rows) };
}

/** One item: its timeline, proposers and endorsers; the discussion for members only. */
export async function getItem(ctx: ServiceContext, slug: string, id: string) {
	const c = await coalitionOr404(ctx, slug);
	const row = await itemOr404(ctx, c.id, id);
	const [[item], proposers, endorsers, viewer] = await Promise.all([
		itemViews(ctx, [row]),
		q.proposersOf(ctx.db, id),
		q.endorsersOf(ctx.db, id),
		viewerOf(ctx, c)
	]);
	const discussion = viewer.insider
		? (await q.commentsOf(ctx.db, id)).map((r) => ({
				id: r.comment.id,
				author: r.comment.authorName,
				organization: r.organizationName ? textIn(r.organizationName, ctx.locale) : null,
				body: r.comment.body,
				at: r.comment.createdAt.toISOString()
			}))
		: null;
	const endorsed = new Set(endorsers.map((e) => e.organizationId));
	return {
		coalition: { slug: c.slug, country: c.country, name: text(c.name, ctx.locale) },
		item,
		proposers: proposers.map((p) => ({
			id: p.organizationId,
			name: textIn(p.name, ctx.locale),
			demo: p.demo
		})),
		endorsers: endorsers.map((e) => ({
			id: e.organizationId,
			name: textIn(e.name, ctx.locale),
			demo: e.demo
		})),
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
	const insider = await isInsider(ctx, c);
	const rows = await q.membersOf(ctx.db, c.id, ['member']);
	const regions = new Map((await reference.listDivisions(ctx, c.country)).map((d) => [d.code, d.name]));
	const acting = new Set(await actingOrganizations(ctx, c));
	return {
		coalition: { slug: c.slug, name: text(c.name, ctx.locale) },
		insider,
		regions: [...regions].map(([code, name]) => ({ code, name })),
		members: rows
			.filter((r) => insider || r.member.listed)
			.map((r) => ({
				id: r.member.id,
				organizationId: r.member.organizationId,
				name: r.organizationName ? textIn(r.organizationName, ctx.locale) : '',
				demo: r.organizationDemo ?? false,
				type: r.member.orgType,
				region: r.member.region ? (regions.get(r.member.region) ?? r.member.region) : null,
				womenRepresented: r.member.womenRepresented,
				barriers: r.member.barriers,
				listed: r.member.listed,
				contacts: insider ? r.member.contacts : null,
				canLeave: r.member.organizationId ? acting.has(r.member.organizationId) : false,
				regionCode: r.member.region
			}))
			.sort((a, b) => a.name.localeCompare(b.name, ctx.locale))
	};
}

/** For the join form: the coalition's regions and the organizations the user administers. */
export async function joinOptions(ctx: ServiceContext, slug: string) {
	const c = await coalitionOr404(ctx, slug);
	requireUser(ctx);
	const regions = await reference.listDivisions(ctx, c.country);
	const mine = ctx.actor.memberships.filter((m) => m.role === 'staff' || m.role === 'admin');
	const orgs = await q.organizationsByIds(
		ctx.db,
		mine.map((m) => m.organizationId)
	);
	const open = await q.membersOf(ctx.db, c.id, ['pending', 'member']);
	const requestedByMe = open.filter((r) => r.member.requestedBy === ctx.actor.userId);
	return {
		coalition: { slug: c.slug, name: text(c.name, ctx.locale), country: c.country },
		regions: regions.map((r) => ({ code: r.code, name: r.name })),
		organizations: orgs
			.filter((o) => !open.some((r) => r.member.organizationId === o.id))
			.map((o) => ({ id: o.id, name: textIn(o.name, ctx.locale), demo: o.demo })),
		myRequests: requestedByMe.map((r) => ({
			id: r.member.id,
			status: r.member.status,
			name: r.organizationName
				? textIn(r.organizationName, ctx.locale)
				: (r.member.proposedOrganization?.name ?? '')
		}))
	};
}

/* ------------------------------------------------------------ membership */

/** An organization asks to join; its staff/admin asks for it, or a new organization is proposed. */
export async function requestJoin(
	ctx: ServiceContext,
	slug: string,
	input: z.input<typeof joinInput>,
	onceKey?: string | null
) {
	const userId = requireUser(ctx);
	const c = await coalitionOr404(ctx, slug);
	const data = parseInput(joinInput, input);
	let orgType: string = data.organizationKind ?? 'other';
	if (data.organizationId) {
		requireMember(ctx, data.organizationId, ['staff', 'admin']);
		const org = await q.organizationById(ctx.db, data.organizationId);
		if (!org) throw new AppError('NOT_FOUND');
		orgType = org.kind;
	}
	if (data.region && !(await reference.getDivision(ctx, data.region)))
		throw new AppError('INVALID', { fields: { region: { key: 'error_field_choice' } } });
	return once(ctx, 'coalitions.join', onceKey, async (tx) => {
		if (data.organizationId) {
			const open = await tx.db
				.select({ id: member.id })
				.from(member)
				.where(
					and(
						eq(member.coalitionId, c.id),
						eq(member.organizationId, data.organizationId),
						inArray(member.status, ['pending', 'member'])
					)
				);
			if (open.length) throw new AppError('CONFLICT', { messageKey: 'coalitions_error_already_requested' });
		}
		const row = {
			id: randomUUID(),
			coalitionId: c.id,
			organizationId: data.organizationId ?? null,
			proposedOrganization: data.organizationId
				? null
				: { name: data.organizationName!, kind: data.organizationKind ?? 'other' },
			status: 'pending' as const,
			orgType,
			region: data.region ?? null,
			womenRepresented: data.womenRepresented ?? null,
			barriers: data.barriers,
			contacts: {
				person: data.contactPerson ?? null,
				email: data.contactEmail ?? null,
				phone: data.contactPhone ?? null
			},
			listed: data.listed,
			message: data.message ?? null,
			requestedBy: userId,
			requestedAt: tx.clock()
		};
		await tx.db.insert(member).values(row);
		await writeAudit(tx, {
			action: 'coalitions.join.request',
			entity: 'coalitions_member',
			entityId: row.id,
			after: { coalition: c.slug, organizationId: row.organizationId, proposed: row.proposedOrganization }
		});
		return { id: row.id };
	});
}

/** The review queue: pending requests (coordinators). */
export async function listJoinRequests(ctx: ServiceContext, slug: string) {
	const c = await coalitionOr404(ctx, slug);
	await requireCoordinator(ctx, c);
	const rows = await q.membersOf(ctx.db, c.id, ['pending']);
	const regions = new Map((await reference.listDivisions(ctx, c.country)).map((d) => [d.code, d.name]));
	return rows.map((r) => ({
		id: r.member.id,
		name: r.organizationName
			? textIn(r.organizationName, ctx.locale)
			: (r.member.proposedOrganization?.name ?? ''),
		isNew: r.member.organizationId === null,
		type: r.member.orgType,
		region: r.member.region ? (regions.get(r.member.region) ?? r.member.region) : null,
		womenRepresented: r.member.womenRepresented,
		barriers: r.member.barriers,
		contacts: r.member.contacts,
		listed: r.member.listed,
		message: r.member.message,
		requestedAt: r.member.requestedAt.toISOString()
	}));
}

/**
 * A coordinator approves or declines a request. Approving a request for an organization that is
 * not yet in Birge creates it (in the coalition's country) and makes the requester its admin: the
 * coordinator onboards organizations for her coalition, so the accounts module is called with
 * platform rights for that one step, after this module's own check.
 */
export async function reviewJoin(ctx: ServiceContext, slug: string, input: z.input<typeof reviewInput>) {
	const c = await coalitionOr404(ctx, slug);
	await requireCoordinator(ctx, c);
	const data = parseInput(reviewInput, input);
	return ctx.db.transaction(async (txDb) => {
		const tx = { ...ctx, db: txDb };
		const [row] = await txDb
			.select()
			.from(member)
			.where(and(eq(member.id, data.memberId), eq(member.coalitionId, c.id)));
		if (!row) throw new AppError('NOT_FOUND');
		if (row.status !== 'pending')
			throw new AppError('CONFLICT', { messageKey: 'coalitions_error_already_reviewed' });
		let organizationId = row.organizationId;
		if (data.decision === 'approve' && !organizationId && row.proposedOrganization) {
			const system = {
				...tx,
				actor: {
					...tx.actor,
					grants: [
						...tx.actor.grants,
						{ role: 'platform_admin' as const, country: null, organizationId: null }
					]
				}
			};
			const org = await accounts.createOrganization(system, {
				slug: `org-${randomBytes(5).toString('hex')}`,
				kind: row.proposedOrganization.kind as never,
				name: { [ctx.locale]: row.proposedOrganization.name },
				country: c.country as 'KG',
				region: row.region
			});
			await accounts.setMember(system, { organizationId: org.id, userId: row.requestedBy, role: 'admin' });
			organizationId = org.id;
		}
		const after = {
			status: data.decision === 'approve' ? ('member' as const) : ('declined' as const),
			organizationId,
			reviewedBy: ctx.actor.userId,
			reviewedAt: ctx.clock(),
			reviewNote: data.note ?? null
		};
		await txDb.update(member).set(after).where(eq(member.id, row.id));
		await writeAudit(tx, {
			action: `coalitions.join.${data.decision}`,
			entity: 'coalitions_member',
			entityId: row.id,
			before: { status: row.status },
			after: { status: after.status, organizationId }
		});
		return { status: after.status, organizationId };
	});
}

/** A member organization's staff (or a coordinator) updates its profile in the coalition. */
export async function updateMemberProfile(
	ctx: ServiceContext,
	slug: string,
	input: z.input<typeof memberProfileInput>
) {
	const c = await coalitionOr404(ctx, slug);
	requireUser(ctx);
	const data = parseInput(memberProfileInput, input);
	if (!(await isCoordinator(ctx, c))) requireMember(ctx, data.organizationId, ['staff', 'admin']);
	if (data.region && !(await reference.getDivision(ctx, data.region)))
		throw new AppError('INVALID', { fields: { region: { key: 'error_field_choice' } } });
	const [row] = await ctx.db
		.select()
		.from(member)
		.where(
			and(
				eq(member.coalitionId, c.id),
				eq(member.organizationId, data.organizationId),
				eq(member.status, 'member')
			)
		);
	if (!row) throw new AppError('NOT_FOUND');
	const after = {
		region: data.region ?? null,
		womenRepresented: data.womenRepresented ?? null,
		barriers: data.barriers,
		contacts: {
			person: data.contactPerson ?? null,
			email: data.contactEmail ?? null,
			phone: data.contactPhone ?? null
		},
		listed: data.listed
	};
	await ctx.db.update(member).set(after).where(eq(member.id, row.id));
	await writeAudit(ctx, {
		action: 'coalitions.member.profile',
		entity: 'coalitions_member',
		entityId: row.id,
		before: { listed: row.listed, region: row.region, barriers: row.barriers },
		after: { listed: after.listed, region: after.region, barriers: after.barriers }
	});
}

/** An organization leaves (its staff/admin), or a coordinator removes it. */
export async function leaveCoalition(ctx: ServiceContext, slug: string, organizationId: string) {
	const c = await coalitionOr404(ctx, slug);
	requireUser(ctx);
	if (!(await isCoordinator(ctx, c))) requireMember(ctx, organizationId, ['staff', 'admin']);
	const [row] = await ctx.db
		.select()
		.from(member)
		.where(
			and(
				eq(member.coalitionId, c.id),
				eq(member.organizationId, organizationId),
				eq(member.status, 'member')
			)
		);
	if (!row) throw new AppError('NOT_FOUND');
	await ctx.db.update(member).set({ status: 'left', leftAt: ctx.clock() }).where(eq(member.id, row.id));
	await writeAudit(ctx, {
		action: 'coalitions.member.leave',
		entity: 'coalitions_member',
		entityId: row.id,
		before: { status: 'member' },
		after: { status: 'left' }
	});
}

/** The profile in every language, for editing (coordinators). */
export async function getProfile(ctx: ServiceContext, slug: string): Promise<I18nText> {
	const c = await coalitionOr404(ctx, slug);
	await requireCoordinator(ctx, c);
	return c.profile;
}

/** The coalition's profile, per language (coordinators). */
export async function updateProfile(ctx: ServiceContext, slug: string, input: z.input<typeof profileInput>) {
	const c = await coalitionOr404(ctx, slug);
	await requireCoordinator(ctx, c);
	const data = parseInput(profileInput, input);
	await ctx.db
		.update(coalition)
		.set({ profile: data.profile, updatedAt: ctx.clock() })
		.where(eq(coalition.id, c.id));
	await writeAudit(ctx, {
		action: 'coalitions.profile.update',
		entity: 'coalitions_coalition',
		entityId: c.id,
		before: { profile: c.profile },
		after: { profile: data.profile }
	});
}

/** Council roles: platform admins, or the coalition's chair. */
export async function setCouncilRole(ctx: ServiceContext, slug: string, input: z.input<typeof councilInput>) {
	const c = await coalitionOr404(ctx, slug);
	const userId = requireUser(ctx);
	if (!isPlatformAdmin(ctx.actor)) {
		const [mine] = await ctx.db
			.select()
			.from(council)
			.where(and(eq(council.coalitionId, c.id), eq(council.userId, userId)));
		if (mine?.role !== 'chair') throw new AppError('FORBIDDEN');
	}
	const data = parseInput(councilInput, input);
	await ctx.db
		.insert(council)
		.values({ coalitionId: c.id, ...data, createdAt: ctx.clock() })
		.onConflictDoUpdate({
			target: [council.coalitionId, council.userId],
			set: { role: data.role, displayName: data.displayName }
		});
	await writeAudit(ctx, {
		action: 'coalitions.council.set',
		entity: 'coalitions_coalition',
		entityId: c.id,
		after: data
	});
}

/* ----------------------------------------------------------------- agenda */

export async function createAgenda(
	ctx: ServiceContext,
	slug: string,
	input: z.input<typeof agendaInput>,
	onceKey?: string | null
) {
	const c = await coalitionOr404(ctx, slug);
	const userId = await requireCoordinator(ctx, c);
	const data = parseInput(agendaInput, input);
	return once(ctx, 'coalitions.agenda', onceKey, async (tx) => {
		const row = {
			id: randomUUID(),
			coalitionId: c.id,
			title: data.title,
			createdBy: userId,
			createdAt: tx.clock()
		};
		await tx.db.insert(agenda).values(row);
		await writeAudit(tx, {
			action: 'coalitions.agenda.create',
			entity: 'coalitions_agenda',
			entityId: row.id,
			after: row
		});
		return { id: row.id };
	});
}

/** Publishes the next version of an agenda: a snapshot of its recommendations as they are now. */
export async function publishAgendaVersion(
	ctx: ServiceContext,
	slug: string,
	input: z.input<typeof agendaVersionInput>
) {
	const c = await coalitionOr404(ctx, slug);
	const userId = await requireCoordinator(ctx, c);
	const data = parseInput(agendaVersionInput, input);
	return ctx.db.transaction(async (txDb) => {
		const [a] = await txDb
			.select()
			.from(agenda)
			.where(and(eq(agenda.id, data.agendaId), eq(agenda.coalitionId, c.id)));
		if (!a) throw new AppError('NOT_FOUND');
		const items = await txDb.select().from(recommendation).where(eq(recommendation.agendaId, a.id));
		const [{ n }] = await txDb
			.select({ n: max(agendaVersion.number) })
			.from(agendaVersion)
			.where(eq(agendaVersion.agendaId, a.id));
		const row = {
			id: randomUUID(),
			agendaId: a.id,
			number: (n ?? 0) + 1,
			note: data.note ?? null,
			snapshot: items.map((i) => ({ id: i.id, barrier: i.barrier, title: i.title, text: i.text })),
			createdBy: userId,
			createdAt: ctx.clock()
		};
		await txDb.insert(agendaVersion).values(row);
		await writeAudit(
			{ ...ctx, db: txDb },
			{
				action: 'coalitions.agenda.version',
				entity: 'coalitions_agenda',
				entityId: a.id,
				after: { number: row.number, items: row.snapshot.length }
			}
		);
		return { number: row.number };
	});
}

/** A coordinator adds a recommendation (or an aggregate outcome); it starts its timeline at drafting. */
export async function createRecommendation(
	ctx: ServiceContext,
	slug: string,
	input: z.input<typeof recommendationInput>,
	onceKey?: string | null
) {
	const c = await coalitionOr404(ctx, slug);
	const userId = await requireCoordinator(ctx, c);
	const data = parseInput(recommendationInput, input);
	if (data.agendaId) {
		const [a] = await ctx.db
			.select()
			.from(agenda)
			.where(and(eq(agenda.id, data.agendaId), eq(agenda.coalitionId, c.id)));
		if (!a) throw new AppError('INVALID', { fields: { agendaId: { key: 'error_field_choice' } } });
	}
	if (data.proposerIds.length) {
		const members = await q.membersOf(ctx.db, c.id, ['member']);
		const ids = new Set(members.map((m) => m.member.organizationId));
		if (data.proposerIds.some((id) => !ids.has(id)))
			throw new AppError('INVALID', { fields: { proposerIds: { key: 'coalitions_error_proposer' } } });
	}
	return once(ctx, 'coalitions.recommendation', onceKey, async (tx) => {
		const now = tx.clock();
		const row = {
			id: randomUUID(),
			coalitionId: c.id,
			agendaId: data.agendaId ?? null,
			kind: data.kind,
			barrier: data.barrier,
			title: data.title,
			text: data.text,
			targetBody: data.targetBody ?? null,
			status: 'drafting' as const,
			progress: null,
			aggregateTotal: data.kind === 'aggregate' ? (data.aggregateTotal ?? null) : null,
			aggregateAdopted: data.kind === 'aggregate' ? (data.aggregateAdopted ?? 0) : null,
			sourceKey: null,
			demo: false,
			createdBy: userId,
			createdAt: now,
			updatedAt: now
		};
		await tx.db.insert(recommendation).values(row);
		for (const organizationId of new Set(data.proposerIds))
			await tx.db.insert(proposer).values({ recommendationId: row.id, organizationId });
		await tx.db.insert(timelineEntry).values({
			id: randomUUID(),
			recommendationId: row.id,
			date: now.toISOString().slice(0, 10),
			status: 'drafting',
			aggregateTotal: row.aggregateTotal,
			aggregateAdopted: row.aggregateAdopted,
			createdBy: userId,
			createdAt: now
		});
		await writeAudit(tx, {
			action: 'coalitions.recommendation.create',
			entity: 'coalitions_recommendation',
			entityId: row.id,
			after: row
		});
		return { id: row.id };
	});
}

/**
 * Coordinators edit a recommendation's wording and add translations. Its status history is
 * untouched (the timeline is append-only); published agenda versions keep their snapshots.
 */
export async function updateRecommendationText(
	ctx: ServiceContext,
	slug: string,
	input: z.input<typeof recommendationTextInput>
) {
	const c = await coalitionOr404(ctx, slug);
	await requireCoordinator(ctx, c);
	const data = parseInput(recommendationTextInput, input);
	const item = await itemOr404(ctx, c.id, data.recommendationId);
	if (item.sourceKey) throw new AppError('FORBIDDEN', { messageKey: 'coalitions_error_reported_text' });
	await ctx.db
		.update(recommendation)
		.set({ title: data.title, text: data.text, targetBody: data.targetBody ?? null, updatedAt: ctx.clock() })
		.where(eq(recommendation.id, item.id));
	await writeAudit(ctx, {
		action: 'coalitions.recommendation.text',
		entity: 'coalitions_recommendation',
		entityId: item.id,
		before: { title: item.title, text: item.text, targetBody: item.targetBody },
		after: { title: data.title, text: data.text, targetBody: data.targetBody ?? null }
	});
}

/** The wording in every language, for editing (coordinators). */
export async function getRecommendationText(ctx: ServiceContext, slug: string, id: string) {
	const c = await coalitionOr404(ctx, slug);
	await requireCoordinator(ctx, c);
	const item = await itemOr404(ctx, c.id, id);
	return {
		title: item.title,
		text: item.text,
		targetBody: item.targetBody,
		reported: Boolean(item.sourceKey)
	};
}

/** Platform admins add a coalition (one per country is seeded; more are allowed). */
export async function createCoalition(ctx: ServiceContext, input: z.input<typeof coalitionInput>) {
	requireUser(ctx);
	if (!isPlatformAdmin(ctx.actor)) throw new AppError('FORBIDDEN');
	const data = parseInput(coalitionInput, input);
	if (await q.coalitionBySlug(ctx.db, data.slug))
		throw new AppError('CONFLICT', { fields: { slug: { key: 'error_conflict' } } });
	const row = {
		id: randomUUID(),
		slug: data.slug,
		country: data.country,
		name: data.name,
		profile: data.profile,
		createdAt: ctx.clock(),
		updatedAt: ctx.clock()
	};
	await ctx.db.insert(coalition).values(row);
	await writeAudit(ctx, {
		action: 'coalitions.create',
		entity: 'coalitions_coalition',
		entityId: row.id,
		after: row
	});
	return { id: row.id, slug: row.slug };
}

/* ----------------------------------------------------------- endorsement */

/** A member organization endorses a recommendation; a second endorsement by it counts once. */
export async function endorse(ctx: ServiceContext, slug: string, input: z.input<typeof endorseInput>) {
	const userId = requireUser(ctx);
	const c = await coalitionOr404(ctx, slug);
	const data = parseInput(endorseInput, input);
	const item = await itemOr404(ctx, c.id, data.recommendationId);
	if (item.kind !== 'recommendation')
		throw new AppError('INVALID', { messageKey: 'coalitions_error_not_endorsable' });
	const acting = await actingOrganizations(ctx, c);
	if (!acting.includes(data.organizationId))
		throw new AppError('FORBIDDEN', { messageKey: 'coalitions_error_member_orgs_only' });
	return ctx.db.transaction(async (txDb) => {
		const inserted = await txDb
			.insert(endorsement)
			.values({
				recommendationId: item.id,
				organizationId: data.organizationId,
				userId,
				createdAt: ctx.clock()
			})
			.onConflictDoNothing()
			.returning({ id: endorsement.recommendationId });
		if (inserted.length)
			await writeAudit(
				{ ...ctx, db: txDb },
				{
					action: 'coalitions.endorse',
					entity: 'coalitions_recommendation',
					entityId: item.id,
					after: { organizationId: data.organizationId }
				}
			);
		return { created: inserted.length > 0 };
	});
}

/* ------------------------------------------------------------ discussion */

export async function addComment(
	ctx: ServiceContext,
	slug: string,
	input: z.input<typeof commentInput> & { organizationId?: string | null },
	authorName: string,
	onceKey?: string | null
) {
	const c = await coalitionOr404(ctx, slug);
	const userId = await requireInsider(ctx, c);
	const data = parseInput(commentInput, input);
	await itemOr404(ctx, c.id, data.recommendationId);
	const orgs = await memberOrganizationsOf(ctx, c);
	const organizationId =
		input.organizationId && orgs.some((o) => o.organizationId === input.organizationId)
			? input.organizationId
			: (orgs[0]?.organizationId ?? null);
	return once(ctx, 'coalitions.comment', onceKey, async (tx) => {
		const row = {
			id: randomUUID(),
			recommendationId: data.recommendationId,
			userId,
			authorName: authorName.slice(0, 120) || '—',
			organizationId,
			body: data.body,
			createdAt: tx.clock()
		};
		await tx.db.insert(comment).values(row);
		return { id: row.id };
	});
}

/* -------------------------------------------------------- accountability */

export interface Upload {
	name: string;
	bytes: Uint8Array;
}

type TimelineData = z.output<typeof timelineInput>;

/** Business rules of one new timeline entry, given the item's current state. Returns field errors. */
function checkEntry(
	item: Pick<ItemRow, 'kind' | 'status' | 'aggregateTotal'>,
	data: TimelineData,
	hasEvidence: boolean,
	correctsOk: boolean
): Record<string, FieldError> {
	const errors: Record<string, FieldError> = {};
	if (data.correctsId && !correctsOk) errors.correctsId = { key: 'coalitions_error_corrects' };
	if (!data.correctsId && !canMove(item.status, data.status))
		errors.status = { key: 'coalitions_error_transition', params: { from: item.status, to: data.status } };
	if (NEEDS_EVIDENCE.includes(data.status) && !hasEvidence)
		errors.evidenceUrl = { key: 'coalitions_error_evidence' };
	if (item.kind !== 'coalition_output' && NEEDS_INSTRUMENT.includes(data.status) && !data.instrument)
		errors['instrument.type'] = { key: 'coalitions_error_instrument' };
	if (
		item.kind === 'aggregate' &&
		data.aggregateAdopted !== undefined &&
		data.aggregateAdopted > (item.aggregateTotal ?? 0)
	)
		errors.aggregateAdopted = { key: 'coalitions_error_adopted_over_total' };
	return errors;
}

function entryRow(item: ItemRow, data: TimelineData, userId: string, now: Date, fileId: string | null) {
	const progress = data.progress ?? (data.status === 'implemented' ? 100 : null);
	const aggregateAdopted =
		item.kind === 'aggregate' ? (data.aggregateAdopted ?? item.aggregateAdopted ?? 0) : null;
	return {
		id: randomUUID(),
		recommendationId: item.id,
		date: data.date,
		status: data.status,
		progress,
		aggregateTotal: item.kind === 'aggregate' ? item.aggregateTotal : null,
		aggregateAdopted,
		note: data.note,
		evidenceUrl: data.evidenceUrl ?? null,
		evidenceFileId: fileId,
		instrument: data.instrument
			? {
					type: data.instrument.type,
					name: data.instrument.name,
					number: data.instrument.number ?? null,
					date: data.instrument.date ?? null,
					clause: data.instrument.clause ?? null,
					body: data.instrument.body ?? null
				}
			: null,
		correctsId: data.correctsId ?? null,
		createdBy: userId,
		createdAt: now
	};
}

/** Appends the entry and moves the item's current status; in the caller's transaction. */
async function appendEntry(tx: ServiceContext, item: ItemRow, row: ReturnType<typeof entryRow>) {
	await tx.db.insert(timelineEntry).values(row);
	await tx.db
		.update(recommendation)
		.set({
			status: row.status,
			progress: row.progress,
			aggregateAdopted: row.aggregateAdopted,
			updatedAt: row.createdAt
		})
		.where(eq(recommendation.id, item.id));
	await writeAudit(tx, {
		action: row.correctsId ? 'coalitions.timeline.correct' : 'coalitions.timeline.append',
		entity: 'coalitions_recommendation',
		entityId: item.id,
		before: { status: item.status, progress: item.progress },
		after: { status: row.status, progress: row.progress, entry: row.id, corrects: row.correctsId }
	});
}

/**
 * A coordinator records a status change (or progress, or a correction) with its evidence: a link,
 * an uploaded document, or both. The entry is appended; nothing on the timeline is ever changed.
 */
export async function recordStatus(
	ctx: ServiceContext,
	slug: string,
	input: z.input<typeof timelineInput>,
	options: { upload?: Upload | null; onceKey?: string | null } = {}
) {
	const c = await coalitionOr404(ctx, slug);
	const userId = await requireCoordinator(ctx, c);
	const data = parseInput(timelineInput, input);
	const item = await itemOr404(ctx, c.id, data.recommendationId);
	let correctsOk = false;
	if (data.correctsId) {
		const [e] = await ctx.db
			.select({ id: timelineEntry.id })
			.from(timelineEntry)
			.where(and(eq(timelineEntry.id, data.correctsId), eq(timelineEntry.recommendationId, item.id)));
		correctsOk = Boolean(e);
	}
	if (data.evidenceFileId) {
		const [f] = await ctx.db
			.select({ id: file.id })
			.from(file)
			.where(and(eq(file.id, data.evidenceFileId), eq(file.coalitionId, c.id)));
		if (!f) throw new AppError('INVALID', { fields: { evidenceFileId: { key: 'error_field_invalid' } } });
	}
	const upload = options.upload && options.upload.bytes.byteLength > 0 ? options.upload : null;
	const errors = checkEntry(
		item,
		data,
		Boolean(data.evidenceUrl || data.evidenceFileId || upload),
		correctsOk
	);
	if (Object.keys(errors).length) throw new AppError('INVALID', { fields: errors });
	const stored = upload ? await putFile(ctx, upload.name, upload.bytes) : null;
	try {
		return await once(ctx, 'coalitions.timeline', options.onceKey, async (tx) => {
			const now = tx.clock();
			if (stored)
				await tx.db.insert(file).values({ ...stored, coalitionId: c.id, uploadedBy: userId, createdAt: now });
			const row = entryRow(item, data, userId, now, stored?.id ?? data.evidenceFileId ?? null);
			await appendEntry(tx, item, row);
			return { id: row.id, status: row.status };
		});
	} catch (error) {
		if (stored) await discardFile(ctx, stored.id);
		throw error;
	}
}

/* ------------------------------------------------------------------- CSV */

export const RECOMMENDATIONS_CSV_HEADER = [
	'id',
	'kind',
	'barrier',
	'title',
	'target_body',
	'status',
	'progress',
	'adopted',
	'total',
	'last_date',
	'evidence',
	'endorsements',
	'demo'
] as const;

export const TIMELINE_CSV_HEADER = [
	'recommendation_id',
	'date',
	'status',
	'progress',
	'aggregate_adopted',
	...LOCALES.map((l) => `note_${l}`),
	'evidence_url',
	'instrument_type',
	'instrument_name',
	'instrument_number',
	'instrument_date',
	'instrument_clause',
	'instrument_body',
	'corrects_id'
] as const;

function evidenceHref(list: Evidence[]): string {
	return list.map((e) => e.url ?? `source:${e.sourceKey}`).join(' ');
}

/** Recommendations with their current status, in the visitor's language. Public. */
export async function exportRecommendationsCsv(ctx: ServiceContext, slug: string): Promise<string> {
	const items = await listItems(ctx, slug);
	return toCsv(
		RECOMMENDATIONS_CSV_HEADER,
		items.map((i) => [
			i.id,
			i.kind,
			i.barrier,
			i.title.text,
			i.targetBody ?? '',
			i.status,
			i.progress ?? '',
			i.aggregate
				? i.aggregate.adopted
				: i.kind === 'recommendation'
					? ['adopted', 'implemented'].includes(i.status)
						? 1
						: 0
					: '',
			i.aggregate ? i.aggregate.total : i.kind === 'recommendation' ? 1 : '',
			i.latest?.date ?? '',
			evidenceHref(i.evidence),
			i.endorsements,
			i.demo ? 'demo' : ''
		])
	);
}

/** Every timeline entry, in the import format (so an export can be checked and re-imported). */
export async function exportTimelineCsv(ctx: ServiceContext, slug: string): Promise<string> {
	const c = await coalitionOr404(ctx, slug);
	const items = await q.itemsOf(ctx.db, [c.id]);
	const entries = await q.entriesOf(
		ctx.db,
		items.map((i) => i.id)
	);
	return toCsv(
		TIMELINE_CSV_HEADER,
		entries.map(({ entry: e }) => [
			e.recommendationId,
			e.date ?? '',
			e.status,
			e.progress ?? '',
			e.aggregateAdopted ?? '',
			...LOCALES.map((l) => e.note[l] ?? ''),
			e.evidenceUrl ?? '',
			e.instrument?.type ?? '',
			e.instrument?.name ?? '',
			e.instrument?.number ?? '',
			e.instrument?.date ?? '',
			e.instrument?.clause ?? '',
			e.instrument?.body ?? '',
			e.correctsId ?? ''
		])
	);
}

export interface ImportRowReport {
	row: number;
	recommendationId: string;
	status: string;
	errors: ({ field: string } & FieldError)[];
}

export interface ImportReport {
	rows: ImportRowReport[];
	ok: boolean;
	applied: boolean;
	/** Digest of the checked content; applying requires it (a dry run comes first). */
	digest: string;
	headerErrors: string[];
}

/** Undo the export's formula guard ('=… → =…). */
const unguard = (v: string) => (/^'[=+\-@]/.test(v) ? v.slice(1) : v);

/**
 * Imports timeline entries from CSV (coordinators). A dry run checks every row and reports every
 * row's errors; applying re-checks and appends all rows in one transaction, or none.
 */
export async function importTimelineCsv(
	ctx: ServiceContext,
	slug: string,
	input: z.input<typeof importInput>,
	options: { dryRun: boolean }
): Promise<ImportReport> {
	const c = await coalitionOr404(ctx, slug);
	const userId = await requireCoordinator(ctx, c);
	const data = parseInput(importInput, input);
	const digest = createHash('sha256').update(data.csv).digest('hex').slice(0, 32);
	const { header, records } = csvRecords(data.csv);
	const headerErrors: string[] = [];
	for (const required of ['recommendation_id', 'date', 'status'])
		if (!header.includes(required)) headerErrors.push(required);
	if (records.length === 0 && !headerErrors.length) headerErrors.push('rows');
	const items = new Map((await q.itemsOf(ctx.db, [c.id])).map((i) => [i.id, { ...i }]));
	const existingEntries = new Set((await q.entriesOf(ctx.db, [...items.keys()])).map((e) => e.entry.id));
	const planned: { item: ItemRow; data: TimelineData }[] = [];
	const rows: ImportRowReport[] = [];
	for (const { line, values } of headerErrors.length ? [] : records) {
		const v = (k: string) => unguard(values[k] ?? '');
		const instrumentType = v('instrument_type');
		const raw = {
			recommendationId: v('recommendation_id'),
			date: v('date'),
			status: v('status'),
			progress: v('progress'),
			aggregateAdopted: v('aggregate_adopted'),
			note: Object.fromEntries(LOCALES.map((l) => [l, v(`note_${l}`)])),
			evidenceUrl: v('evidence_url'),
			instrument: instrumentType
				? {
						type: instrumentType,
						name: v('instrument_name'),
						number: v('instrument_number'),
						date: v('instrument_date'),
						clause: v('instrument_clause'),
						body: v('instrument_body')
					}
				: null,
			correctsId: v('corrects_id')
		};
		const report: ImportRowReport = {
			row: line,
			recommendationId: raw.recommendationId,
			status: raw.status,
			errors: []
		};
		rows.push(report);
		const parsed = timelineInput.safeParse(raw);
		if (!parsed.success) {
			for (const [field, err] of Object.entries(fieldErrors(parsed.error)))
				report.errors.push({ field, ...err });
			continue;
		}
		const item = items.get(parsed.data.recommendationId);
		if (!item) {
			report.errors.push({ field: 'recommendationId', key: 'coalitions_error_unknown_item' });
			continue;
		}
		const correctsOk = parsed.data.correctsId ? existingEntries.has(parsed.data.correctsId) : true;
		const errors = checkEntry(item, parsed.data, Boolean(parsed.data.evidenceUrl), correctsOk);
		for (const [field, err] of Object.entries(errors)) report.errors.push({ field, ...err });
		if (report.errors.length) continue;
		planned.push({ item: { ...item }, data: parsed.data });
		// Later rows for the same item start from this row's status.
		item.status = parsed.data.status;
		if (parsed.data.aggregateAdopted !== undefined) item.aggregateAdopted = parsed.data.aggregateAdopted;
	}
	const ok = headerErrors.length === 0 && rows.every((r) => r.errors.length === 0);
	if (options.dryRun || !ok) return { rows, ok, applied: false, digest, headerErrors };
	if (data.confirm !== digest)
		throw new AppError('INVALID', { messageKey: 'coalitions_import_dry_run_first' });
	await ctx.db.transaction(async (txDb) => {
		const tx = { ...ctx, db: txDb };
		const now = ctx.clock();
		for (const { item, data: entry } of planned) {
			const [current] = await txDb.select().from(recommendation).where(eq(recommendation.id, item.id));
			await appendEntry(tx, current, entryRow(current, entry, userId, now, null));
		}
		await writeAudit(tx, {
			action: 'coalitions.timeline.import',
			entity: 'coalitions_coalition',
			entityId: c.id,
			after: { rows: planned.length }
		});
	});
	return { rows, ok, applied: true, digest, headerErrors };
}

/* ---------------------------------------------------------------- files */

export async function getEvidenceFile(ctx: ServiceContext, id: string) {
	const [row] = await ctx.db.select().from(file).where(eq(file.id, id));
	return row ?? null;
}

export const OPTIONS = { barriers: BARRIERS, statuses: STATUSES, instrumentTypes: INSTRUMENT_TYPES };
