import { randomUUID } from 'node:crypto';
import {
	AppError,
	parseInput,
	pickText,
	reference,
	textIn,
	withDb,
	writeAudit,
	type ServiceContext,
	type Unparsed
} from '../../core';
import { accounts } from '../accounts';
import { ownerRole, requireShopEditor, requireShopOwner } from './access';
import { shopInput, type ShopInput } from './inputs';
import {
	activeShops,
	deleteOwner,
	firstPhotos,
	insertOwner,
	insertShop,
	ownersOf,
	productsOfShop,
	refreshListed,
	shopBySlug,
	shopsByIds,
	shopsOfUser,
	updateShopRow,
	type ShopRow
} from './queries';
import { CURRENCY_OF, type OwnerRole } from './schema';
import { reindexShopProducts } from './products';
import { carryOwnTexts } from './texts';
import { toCard, type ShopCard, type ShopPage } from './views';
import { categoryNames } from './categories';

/** Shops: a maker's (or an organization's) storefronts, their owners and co-owners. */

/** Checks the place against the reference: region in the country, district in the region, village in the district. */
async function checkPlace(ctx: ServiceContext, s: ReturnType<typeof shopInput.parse>) {
	const fields: Record<string, { key: 'shops_error_place' }> = {};
	if (s.region) {
		const region = await reference.getDivision(ctx, s.region);
		if (!region || region.level !== 1 || !s.region.startsWith(`${s.country}-`))
			fields.region = { key: 'shops_error_place' };
	}
	if (s.district || s.village) {
		if (s.country !== 'KG' || !s.region) fields.district = { key: 'shops_error_place' };
		else {
			const districts = await reference.listDivisions(ctx, 'KG', s.region);
			if (s.district && !districts.some((d) => d.code === s.district))
				fields.district = { key: 'shops_error_place' };
			if (s.village) {
				if (!s.district) fields.village = { key: 'shops_error_place' };
				else {
					// Villages sit under an ayil aimak (level 3) of the district, or directly under it.
					const under = await reference.listDivisions(ctx, 'KG', s.district);
					let found = under.some((d) => d.code === s.village);
					for (const a of under) {
						if (found) break;
						if (a.level === 3)
							found = (await reference.listDivisions(ctx, 'KG', a.code)).some((d) => d.code === s.village);
					}
					if (!found) fields.village = { key: 'shops_error_place' };
				}
			}
		}
	}
	if (Object.keys(fields).length) throw new AppError('INVALID', { fields });
}

/** The row's values from her input; the texts carry their provenance from `previous` (texts.ts). */
function shopValues(ctx: ServiceContext, s: ReturnType<typeof shopInput.parse>, previous: ShopRow | null) {
	const texts = carryOwnTexts(ctx, previous, {
		name: s.name,
		story: s.story,
		crafts: s.crafts,
		paymentNotes: s.paymentNotes
	});
	return {
		slug: s.slug,
		...texts,
		country: s.country,
		region: s.region ?? null,
		district: s.district ?? null,
		village: s.village ?? null,
		currency: CURRENCY_OF[s.country],
		languages: s.languages,
		delivery: s.delivery,
		telegram: s.telegram ?? null,
		organizationId: s.organizationId ?? null
	};
}

/** A new shop; she is its owner. CONFLICT on `slug` when the address is taken. */
export async function createShop(ctx: ServiceContext, input: Unparsed<ShopInput>): Promise<{ slug: string }> {
	const userId = requireShopCreator(ctx);
	const s = parseInput(shopInput, input);
	if (s.organizationId && !ctx.actor.memberships.some((m) => m.organizationId === s.organizationId))
		throw new AppError('INVALID', { fields: { organizationId: { key: 'shops_error_organization' } } });
	await checkPlace(ctx, s);
	return ctx.db.transaction(async (tx) => {
		const t = withDb(ctx, tx);
		if (await shopBySlug(t, s.slug))
			throw new AppError('CONFLICT', {
				fields: { slug: { key: 'shops_error_slug_taken' } },
				messageKey: 'shops_error_slug_taken'
			});
		const id = randomUUID();
		const now = ctx.clock();
		await insertShop(t, { id, ...shopValues(ctx, s, null), createdAt: now, updatedAt: now });
		await insertOwner(t, { shopId: id, userId, role: 'owner', createdAt: now });
		await writeAudit(t, {
			action: 'shops.shop.create',
			entity: 'shops_shop',
			entityId: id,
			after: { slug: s.slug }
		});
		return { slug: s.slug };
	});
}

function requireShopCreator(ctx: ServiceContext): string {
	if (!ctx.actor.userId) throw new AppError('UNAUTHENTICATED');
	return ctx.actor.userId;
}

/** The shop by slug for its owners (NOT_FOUND for anybody else). */
export async function editableShop(ctx: ServiceContext, slug: string): Promise<ShopRow> {
	const s = await shopBySlug(ctx, slug);
	if (!s) throw new AppError('NOT_FOUND');
	await requireShopEditor(ctx, s.id);
	return s;
}

export async function updateShop(
	ctx: ServiceContext,
	slug: string,
	input: Unparsed<ShopInput>
): Promise<{ slug: string }> {
	const current = await editableShop(ctx, slug);
	const s = parseInput(shopInput, input);
	if (s.country !== current.country && (await productsOfShop(ctx, current.id, false)).length)
		throw new AppError('INVALID', { fields: { country: { key: 'shops_error_country_locked' } } });
	if (
		s.organizationId &&
		s.organizationId !== current.organizationId &&
		!ctx.actor.memberships.some((m) => m.organizationId === s.organizationId)
	)
		throw new AppError('INVALID', { fields: { organizationId: { key: 'shops_error_organization' } } });
	await checkPlace(ctx, s);
	return ctx.db.transaction(async (tx) => {
		const t = withDb(ctx, tx);
		if (s.slug !== current.slug && (await shopBySlug(t, s.slug)))
			throw new AppError('CONFLICT', {
				fields: { slug: { key: 'shops_error_slug_taken' } },
				messageKey: 'shops_error_slug_taken'
			});
		await updateShopRow(t, current.id, { ...shopValues(ctx, s, current), updatedAt: ctx.clock() });
		await refreshListed(t, current.id);
		await reindexShopProducts(t, current.id);
		await writeAudit(t, {
			action: 'shops.shop.update',
			entity: 'shops_shop',
			entityId: current.id,
			before: { slug: current.slug },
			after: { slug: s.slug }
		});
		return { slug: s.slug };
	});
}

/** The shops she runs (the workspace's chooser). */
export async function myShops(ctx: ServiceContext) {
	if (!ctx.actor.userId) throw new AppError('UNAUTHENTICATED');
	const rows = await shopsOfUser(ctx, ctx.actor.userId);
	return rows.map((r) => ({
		slug: r.shop.slug,
		name: textIn(r.shop.name, ctx.locale),
		role: r.role,
		demo: r.shop.demo,
		takedown: r.shop.takedown
	}));
}

/** Everything the profile form needs (the stored per-locale texts). */
export async function shopForEdit(ctx: ServiceContext, slug: string) {
	const s = await editableShop(ctx, slug);
	const owners = await ownersOf(ctx, s.id);
	const names = await accounts.namesOf(
		ctx,
		owners.map((o) => o.userId)
	);
	return {
		shop: s,
		owners: owners.map((o) => ({ userId: o.userId, role: o.role, name: names.get(o.userId) ?? '' })),
		isOwner: owners.some((o) => o.userId === ctx.actor.userId && o.role === 'owner'),
		organizations: await organizationChoices(ctx, s.organizationId)
	};
}

/**
 * The organizations a shop may be run by, for the shop form: those the actor is a member of, and the
 * shop's current one (which a co-owner outside it may keep). Empty when she belongs to none.
 */
export async function organizationChoices(
	ctx: ServiceContext,
	currentId: string | null = null
): Promise<{ id: string; name: string; demo: boolean }[]> {
	const ids = [...ctx.actor.memberships.map((m) => m.organizationId), currentId];
	const found = await accounts.organizationsOf(ctx, ids);
	return [...found.values()].map((o) => ({ id: o.id, name: textIn(o.name, ctx.locale), demo: o.demo }));
}

/** Adds a co-owner by her e-mail (owners only). */
export async function addCoOwner(
	ctx: ServiceContext,
	slug: string,
	email: string,
	role: OwnerRole = 'co_owner'
) {
	const s = await shopBySlug(ctx, slug);
	if (!s) throw new AppError('NOT_FOUND');
	await requireShopOwner(ctx, s.id);
	const user = await accounts.findUserByEmail(ctx, String(email ?? ''));
	if (!user) throw new AppError('INVALID', { fields: { email: { key: 'shops_error_no_user' } } });
	await ctx.db.transaction(async (tx) => {
		const t = withDb(ctx, tx);
		await insertOwner(t, { shopId: s.id, userId: user.id, role, createdAt: ctx.clock() });
		await writeAudit(t, {
			action: 'shops.owner.add',
			entity: 'shops_shop',
			entityId: s.id,
			after: { userId: user.id, role }
		});
	});
}

/** Removes a co-owner (owners only); the last owner cannot be removed. */
export async function removeOwner(ctx: ServiceContext, slug: string, userId: string) {
	const s = await shopBySlug(ctx, slug);
	if (!s) throw new AppError('NOT_FOUND');
	await requireShopOwner(ctx, s.id);
	const owners = await ownersOf(ctx, s.id);
	const target = owners.find((o) => o.userId === userId);
	if (!target) throw new AppError('NOT_FOUND');
	if (target.role === 'owner' && owners.filter((o) => o.role === 'owner').length === 1)
		throw new AppError('CONFLICT', { messageKey: 'shops_error_last_owner' });
	await ctx.db.transaction(async (tx) => {
		const t = withDb(ctx, tx);
		await deleteOwner(t, s.id, userId);
		await writeAudit(t, {
			action: 'shops.owner.remove',
			entity: 'shops_shop',
			entityId: s.id,
			before: { userId }
		});
	});
}

/** A public shop page: story and listed products. NOT_FOUND when taken down (its owners still see it, with the reason). */
export async function getShop(ctx: ServiceContext, slug: string): Promise<ShopPage> {
	const s = await shopBySlug(ctx, slug);
	if (!s) throw new AppError('NOT_FOUND');
	// Taken down: only its owners see it (with the reason), and the products they published.
	if (s.takedown && !(await ownerRole(ctx, s.id))) throw new AppError('NOT_FOUND');
	const listed = s.takedown
		? (await productsOfShop(ctx, s.id, false)).filter((p) => p.status === 'published')
		: await productsOfShop(ctx, s.id, true);
	const photos = await firstPhotos(
		ctx,
		listed.map((p) => p.id)
	);
	const categories = await categoryNames(ctx);
	const story = pickText(s.story, ctx.locale);
	const first = listed.map((p) => photos.get(p.id)).find((p) => p?.og);
	const region = s.region ? await reference.getDivision(ctx, s.region) : null;
	const district = s.district ? await reference.getDivision(ctx, s.district) : null;
	const village = s.village ? await reference.getDivision(ctx, s.village) : null;
	const organization = s.organizationId
		? (await accounts.organizationsOf(ctx, [s.organizationId])).get(s.organizationId)
		: undefined;
	return {
		id: s.id,
		slug: s.slug,
		name: textIn(s.name, ctx.locale),
		story: story?.text ?? '',
		storyLocale: story?.locale ?? null,
		storyFallback: story?.fallback ?? false,
		country: s.country,
		region: region?.name ?? null,
		district: district?.name ?? null,
		village: village?.name ?? null,
		currency: s.currency,
		crafts: textIn(s.crafts, ctx.locale),
		languages: s.languages,
		delivery: s.delivery,
		paymentNotes: textIn(s.paymentNotes, ctx.locale),
		telegram: s.telegram,
		organization: organization ? textIn(organization.name, ctx.locale) : null,
		demo: s.demo,
		takedown: s.takedown,
		products: listed.map((p) => toCard(ctx, p, s, photos.get(p.id), categories)),
		path: `/${ctx.locale}/shops/${s.slug}`,
		ogImage: first?.og?.url ?? null
	};
}

/** Shops not taken down, with how many products each lists. */
export async function listShops(
	ctx: ServiceContext,
	input: { page?: unknown; country?: unknown } = {}
): Promise<{ items: ShopCard[]; total: number; page: number; pages: number }> {
	const page = Math.max(1, Math.min(1000, Number(input.page) || 1));
	const country =
		typeof input.country === 'string' && /^(KG|KZ|TJ|UZ)$/.test(input.country) ? input.country : undefined;
	const size = 50;
	const rows = await activeShops(ctx, size, (page - 1) * size, country);
	const shops = new Map(
		(
			await shopsByIds(
				ctx,
				rows.map((r) => r.id)
			)
		).map((s) => [s.id, s])
	);
	const total = rows.length ? Number(rows[0].total) : 0;
	return {
		items: rows.map((r) => {
			const s = shops.get(r.id)!;
			return {
				slug: s.slug,
				name: textIn(s.name, ctx.locale),
				country: s.country,
				region: s.region,
				crafts: textIn(s.crafts, ctx.locale),
				products: Number(r.n),
				demo: s.demo,
				path: `/${ctx.locale}/shops/${s.slug}`
			};
		}),
		total,
		page,
		pages: Math.max(1, Math.ceil(total / size))
	};
}
