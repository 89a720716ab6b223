import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import {
	AppError,
	attemptsIn,
	countAttempt,
	decryptField,
	encryptField,
	once,
	parseInput,
	requireMember,
	requireUser,
	withDb,
	writeAudit,
	type ServiceContext,
	type Unparsed
} from '../../core';
import { accounts } from '../accounts';
import { coordinatorRole, makerInNetwork, requireCoordinator, requireMakerReader } from './access';
import {
	coCoordinatorInput,
	invitationInput,
	joinInput,
	makerProfileInput,
	networkInput,
	toleranceInput,
	type MakerProfileInput,
	type NetworkInput
} from './inputs';
import * as q from './queries';
import { coordinator, invitation, maker, network, type Maker } from './schema';
import { returnAssignment } from './orders';
import { checkMakerPlace, placeNames } from './places';

export const CURRENCY: Record<string, string> = { KG: 'KGS', KZ: 'KZT', TJ: 'TJS', UZ: 'UZS' };
export const PAY_ACCOUNT_AAD = 'production_maker.pay_account';
const INVITATION_DAYS = 30;
/** Wrong invitation codes allowed per account and per client in 15 minutes. */
export const JOIN_LIMITS = { perUser: 10, perClient: 30, windowSeconds: 900 };

/** Creates a network; the actor becomes its coordinator (for an organization: its staff or admin). */
export async function createNetwork(ctx: ServiceContext, raw: Unparsed<NetworkInput>, key?: string) {
	const userId = requireUser(ctx);
	const input = parseInput(networkInput, raw);
	if (input.organizationId) requireMember(ctx, input.organizationId, ['staff', 'admin']);
	return once(ctx, 'production.network', key, async (tx) => {
		const id = randomUUID();
		await tx.db.insert(network).values({
			id,
			name: input.name,
			country: input.country,
			regionCode: input.regionCode,
			currency: CURRENCY[input.country],
			organizationId: input.organizationId,
			lossToleranceBp: Math.round(input.lossTolerancePercent * 100),
			createdBy: userId,
			createdAt: ctx.clock()
		});
		await tx.db
			.insert(coordinator)
			.values({ networkId: id, userId, role: 'coordinator', addedAt: ctx.clock() });
		await writeAudit(tx, { action: 'production.network.create', entity: 'production_network', entityId: id });
		return { id };
	});
}

/** Networks the actor coordinates. */
export async function myNetworks(ctx: ServiceContext) {
	const userId = requireUser(ctx);
	const orgIds = ctx.actor.memberships
		.filter((m) => m.role === 'staff' || m.role === 'admin')
		.map((m) => m.organizationId);
	return q.networksOf(ctx.db, userId, orgIds);
}

export async function getNetwork(ctx: ServiceContext, networkId: string) {
	const net = await requireCoordinator(ctx, networkId);
	const people = await q.coordinatorsOf(ctx.db, net.id);
	const names = await accounts.namesOf(
		ctx,
		people.map((p) => p.userId)
	);
	return {
		network: net,
		coordinators: people.map((p) => ({ ...p, name: names.get(p.userId) ?? '' })),
		role: await coordinatorRole(ctx, net)
	};
}

/** Sets the loss tolerance (percent of what was issued); an empty or invalid value: INVALID, nothing saved. */
export async function setLossTolerance(
	ctx: ServiceContext,
	networkId: string,
	raw: { lossTolerancePercent?: unknown }
) {
	const net = await requireCoordinator(ctx, networkId);
	const value = parseInput(toleranceInput, raw).lossTolerancePercent;
	await ctx.db.transaction(async (db) => {
		await db
			.update(network)
			.set({ lossToleranceBp: Math.round(value * 100) })
			.where(eq(network.id, net.id));
		await writeAudit(withDb(ctx, db), {
			action: 'production.network.tolerance',
			entity: 'production_network',
			entityId: net.id,
			before: { bp: net.lossToleranceBp },
			after: { bp: Math.round(value * 100) }
		});
	});
}

/** Adds a co-coordinator by e-mail (only the coordinator herself may). */
export async function addCoCoordinator(ctx: ServiceContext, networkId: string, raw: unknown) {
	const net = await requireCoordinator(ctx, networkId);
	if ((await coordinatorRole(ctx, net)) === 'co_coordinator') throw new AppError('FORBIDDEN');
	const input = parseInput(coCoordinatorInput, raw);
	const user = await accounts.findUserByEmail(ctx, input.email);
	if (!user) throw new AppError('INVALID', { fields: { email: { key: 'production_error_no_such_user' } } });
	await ctx.db.transaction(async (db) => {
		await db
			.insert(coordinator)
			.values({ networkId: net.id, userId: user.id, role: 'co_coordinator', addedAt: ctx.clock() })
			.onConflictDoNothing();
		await writeAudit(withDb(ctx, db), {
			action: 'production.coordinator.add',
			entity: 'production_network',
			entityId: net.id,
			after: { userId: user.id }
		});
	});
}

/**
 * A new invitation code (also a link: /{locale}/my-work/join?code=…), valid for the days chosen (30 when
 * the caller gives none; a form sends its field, so an empty form is INVALID and creates nothing).
 */
export async function createInvitation(
	ctx: ServiceContext,
	networkId: string,
	raw: { days?: unknown } = { days: INVITATION_DAYS }
) {
	const net = await requireCoordinator(ctx, networkId);
	const { days } = parseInput(invitationInput, raw);
	// 10 characters of an alphabet without look-alikes (0/O, 1/I/L): easy to dictate over the phone.
	const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
	const bytes = randomBytes(10);
	const code = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
	const now = ctx.clock();
	const expiresAt = new Date(now.getTime() + days * 86400_000);
	await ctx.db.insert(invitation).values({
		id: randomUUID(),
		networkId: net.id,
		code,
		createdBy: ctx.actor.userId,
		createdAt: now,
		expiresAt
	});
	return { code, expiresAt: expiresAt.toISOString() };
}

/** Joins the network of an invitation code with her own account; joining records her consent. */
export async function joinWithCode(ctx: ServiceContext, raw: unknown) {
	const userId = requireUser(ctx);
	// Codes cannot be guessed by trying: wrong codes are counted per account and per client (core rate
	// limit), and past the limit every attempt is refused until the window has passed.
	const client = ctx.clientKey ?? 'unknown';
	const window = JOIN_LIMITS.windowSeconds;
	if (
		(await attemptsIn(ctx, 'production.join:user', userId, window)) >= JOIN_LIMITS.perUser ||
		(await attemptsIn(ctx, 'production.join:client', client, window)) >= JOIN_LIMITS.perClient
	)
		throw new AppError('RATE_LIMITED', { retryAfterSeconds: window, params: { count: window } });
	const input = parseInput(joinInput, raw);
	try {
		return await joinNetwork(ctx, userId, input);
	} catch (error) {
		if (error instanceof AppError && error.code === 'INVALID' && error.fields.code) {
			await countAttempt(ctx, 'production.join:user', userId, window);
			await countAttempt(ctx, 'production.join:client', client, window);
		}
		throw error;
	}
}

async function joinNetwork(ctx: ServiceContext, userId: string, input: ReturnType<typeof joinInput.parse>) {
	const code = input.code.toUpperCase().replace(/[\s-]/g, '');
	return ctx.db.transaction(async (db) => {
		const inv = await q.lockInvitation(db, code);
		if (!inv || inv.expiresAt <= ctx.clock())
			throw new AppError('INVALID', { fields: { code: { key: 'production_error_code' } } });
		const net = (await q.networkById(db, inv.networkId))!;
		const place = await checkMakerPlace(ctx, net, { regionCode: input.regionCode });
		const existing = await q.makerOfUser(db, inv.networkId, userId);
		if (existing?.status === 'active') return { makerId: existing.id, networkId: inv.networkId };
		const id = randomUUID();
		if (existing) await db.update(maker).set({ userId: null }).where(eq(maker.id, existing.id));
		await db.insert(maker).values({
			id,
			networkId: inv.networkId,
			userId,
			name: input.name,
			regionCode: place.regionCode,
			village: input.village,
			phone: input.phone,
			consentAt: ctx.clock(),
			consentHow: 'in_app',
			consentBy: inv.createdBy,
			createdAt: ctx.clock()
		});
		await db
			.update(invitation)
			.set({ uses: sql`${invitation.uses} + 1` })
			.where(eq(invitation.id, inv.id));
		await writeAudit(withDb(ctx, db), {
			action: 'production.maker.join',
			entity: 'production_maker',
			entityId: id
		});
		return { makerId: id, networkId: inv.networkId };
	});
}

function sealPayAccount(ctx: ServiceContext, value: string | null): string | null {
	return value ? encryptField(value, PAY_ACCOUNT_AAD, ctx.platform.keyring) : null;
}

function profileValues(
	ctx: ServiceContext,
	input: ReturnType<typeof makerProfileInput.parse>,
	place: { regionCode: string | null; districtCode: string | null }
) {
	return {
		name: input.name,
		regionCode: place.regionCode,
		districtCode: place.districtCode,
		village: input.village,
		phone: input.phone,
		skills: input.skills,
		piecesPerWeek: input.piecesPerWeek,
		payMethod: input.payMethod,
		payAccount: sealPayAccount(ctx, input.payAccount),
		statsConsent: input.statsConsent,
		sex: input.statsConsent ? input.sex : null,
		disability: input.statsConsent ? input.disability : null
	};
}

/** A profile the coordinator keeps for a woman without a smartphone, with her consent recorded. */
export async function addMakerProfile(
	ctx: ServiceContext,
	networkId: string,
	raw: Unparsed<MakerProfileInput>,
	key?: string
) {
	const net = await requireCoordinator(ctx, networkId);
	const input = parseInput(makerProfileInput, raw);
	const place = await checkMakerPlace(ctx, net, input);
	return once(ctx, 'production.maker', key, async (tx) => {
		const id = randomUUID();
		await tx.db.insert(maker).values({
			id,
			networkId: net.id,
			...profileValues(ctx, input, place),
			consentAt: ctx.clock(),
			consentHow: input.consentHow,
			consentBy: ctx.actor.userId,
			createdAt: ctx.clock()
		});
		await writeAudit(tx, { action: 'production.maker.add', entity: 'production_maker', entityId: id });
		return { id };
	});
}

export async function updateMakerProfile(
	ctx: ServiceContext,
	makerId: string,
	raw: Unparsed<MakerProfileInput>
) {
	const access = await requireMakerReader(ctx, makerId);
	if (access.maker.status === 'anonymised') throw new AppError('CONFLICT');
	const input = parseInput(makerProfileInput, raw);
	const net = access.network ?? (await q.networkById(ctx.db, access.maker.networkId))!;
	const place = await checkMakerPlace(ctx, net, input);
	await ctx.db.transaction(async (db) => {
		await db
			.update(maker)
			.set(profileValues(ctx, input, place))
			.where(eq(maker.id, makerId));
		await writeAudit(withDb(ctx, db), {
			action: 'production.maker.update',
			entity: 'production_maker',
			entityId: makerId
		});
	});
}

/** What a coordinator (or the maker herself) sees of a profile, the account reference decrypted. */
export async function getMaker(ctx: ServiceContext, makerId: string) {
	const access = await requireMakerReader(ctx, makerId);
	return makerView(ctx, access.maker);
}

export function makerView(ctx: ServiceContext, m: Maker) {
	return {
		id: m.id,
		networkId: m.networkId,
		hasAccount: m.userId !== null,
		name: m.name,
		regionCode: m.regionCode,
		districtCode: m.districtCode,
		village: m.village,
		phone: m.phone,
		skills: m.skills,
		piecesPerWeek: m.piecesPerWeek,
		payMethod: m.payMethod,
		payAccount: m.payAccount ? decryptField(m.payAccount, PAY_ACCOUNT_AAD, ctx.platform.keyring) : null,
		statsConsent: m.statsConsent,
		sex: m.sex,
		disability: m.disability,
		consentAt: m.consentAt.toISOString(),
		consentHow: m.consentHow,
		withdrawnAt: m.withdrawnAt?.toISOString() ?? null,
		status: m.status,
		demo: m.demo
	};
}
export type MakerView = ReturnType<typeof makerView>;

export async function listMakers(ctx: ServiceContext, networkId: string) {
	const net = await requireCoordinator(ctx, networkId);
	const rows = await q.makerList(ctx.db, net.id);
	const names = await placeNames(
		ctx,
		rows.flatMap((r) => [r.regionCode, r.districtCode])
	);
	// Her place as the list shows it: region, district, village (the names in the reader's language).
	return rows.map((r) => ({
		...r,
		place: [r.regionCode, r.districtCode]
			.map((c) => (c ? names.get(c) : null))
			.concat(r.village)
			.filter(Boolean)
			.join(', ')
	}));
}

/**
 * She withdraws her consent (or the coordinator records that she did): open assignments are returned,
 * the profile is anonymised (name, phone, place, skills, payment account, sex, disability), and the
 * ledger keeps its amounts under the anonymous profile.
 */
export async function withdrawConsent(ctx: ServiceContext, makerId: string) {
	const access = await requireMakerReader(ctx, makerId);
	if (access.maker.status === 'anonymised') return;
	await ctx.db.transaction(async (db) => {
		const txCtx = withDb(ctx, db);
		await returnOpenAssignments(txCtx, makerId);
		await db
			.update(maker)
			.set({
				userId: null,
				name: `#${makerId.slice(0, 8)}`,
				regionCode: null,
				districtCode: null,
				village: null,
				phone: null,
				skills: null,
				piecesPerWeek: null,
				payAccount: null,
				sex: null,
				disability: null,
				statsConsent: false,
				withdrawnAt: ctx.clock(),
				leftAt: access.maker.leftAt ?? ctx.clock(),
				status: 'anonymised'
			})
			.where(eq(maker.id, makerId));
		await writeAudit(txCtx, {
			action: 'production.maker.withdraw',
			entity: 'production_maker',
			entityId: makerId
		});
	});
}

/** She leaves the network: her open assignments are returned first; her ledger stays. */
export async function leaveNetwork(ctx: ServiceContext, makerId: string) {
	const access = await requireMakerReader(ctx, makerId);
	if (access.maker.status !== 'active') return;
	await ctx.db.transaction(async (db) => {
		const txCtx = withDb(ctx, db);
		await returnOpenAssignments(txCtx, makerId);
		await db.update(maker).set({ status: 'left', leftAt: ctx.clock() }).where(eq(maker.id, makerId));
		await writeAudit(txCtx, {
			action: 'production.maker.leave',
			entity: 'production_maker',
			entityId: makerId
		});
	});
}

async function returnOpenAssignments(ctx: ServiceContext, makerId: string) {
	const open = await q.openAssignmentsOf(ctx.db, makerId);
	for (const a of open) await returnAssignment(ctx, a.id);
}

export { makerInNetwork };
