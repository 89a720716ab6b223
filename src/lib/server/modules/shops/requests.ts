import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import {
	AppError,
	consumeRateLimit,
	decryptField,
	encryptField,
	enqueue,
	once,
	parseInput,
	textIn,
	withDb,
	writeAudit,
	type ServiceContext,
	type Unparsed
} from '../../core';
import { accounts } from '../accounts';
import { LOCALES, type Locale } from '#lib/i18n/locales';
import { requireShopEditor } from './access';
import { requestInput, requestListInput, statusChangeInput, type RequestInput } from './inputs';
import {
	eraseContactsClosedBefore,
	eventsOf,
	insertEvent,
	insertRequest,
	ownersOf,
	productById,
	productBySlug,
	requestById,
	requestsOfShop,
	shopById,
	shopBySlug,
	updateRequestRow,
	variantsOf,
	type RequestRow
} from './queries';
import type { RequestStatus } from './schema';
import { priceView } from './views';

/**
 * Order requests (no online payment): a buyer asks, the maker answers. Statuses move along
 * TRANSITIONS only, each change recorded (append-only) with its time and note. The buyer follows her
 * request through a private link without an account. Her contacts are encrypted, shown only to the
 * shop's owners (every view audited) and erased a year after the request closes.
 */

export const TRANSITIONS: Record<RequestStatus, readonly RequestStatus[]> = {
	new: ['accepted', 'declined', 'cancelled'],
	accepted: ['in_production', 'shipped', 'cancelled'],
	in_production: ['shipped', 'cancelled'],
	shipped: ['done', 'cancelled'],
	declined: [],
	done: [],
	cancelled: []
};
export const CLOSED: readonly RequestStatus[] = ['declined', 'done', 'cancelled'];
/** How long buyers' contacts are kept after a request closes. */
export const CONTACT_RETENTION_DAYS = 365;
/** Requests per client per hour, and resends of a private link per request per day. */
export const REQUEST_LIMIT = { max: 5, windowSeconds: 3600 };
export const RESEND_LIMIT = { max: 3, windowSeconds: 86400 };
const PAGE_SIZE = 20;

const AAD = {
	buyerName: 'shops_request.buyer_name',
	contact: 'shops_request.contact',
	city: 'shops_request.city',
	message: 'shops_request.message'
} as const;

const seal = (ctx: ServiceContext, v: string | null | undefined, aad: string) =>
	v ? encryptField(v, aad, ctx.platform.keyring) : null;
const open = (ctx: ServiceContext, v: string | null, aad: string) =>
	v ? decryptField(v, aad, ctx.platform.keyring) : null;

/** The private link's token: the request id and an HMAC of it under the platform secret. */
function tokenFor(ctx: ServiceContext, id: string): string {
	const mac = createHmac('sha256', ctx.platform.secret).update(`shops.request:${id}`).digest('base64url');
	return `${id}.${mac.slice(0, 32)}`;
}

function idFromToken(ctx: ServiceContext, token: string): string | null {
	const [id, mac] = String(token ?? '').split('.');
	if (!id || !mac || !/^[0-9a-f-]{36}$/.test(id)) return null;
	const want = Buffer.from(tokenFor(ctx, id).split('.')[1]);
	const got = Buffer.from(mac);
	return want.length === got.length && timingSafeEqual(want, got) ? id : null;
}

export const privatePath = (locale: string, token: string) => `/${locale}/shops/requests/${token}`;

/**
 * Sends an order request for a listed product. Idempotent per form key (a double submit makes one
 * request), rate-limited per client, refused when the honeypot field is filled. The shop's owners are
 * notified by e-mail through the outbox. Returns the private link's path.
 */
export async function sendRequest(
	ctx: ServiceContext,
	shopSlug: string,
	productSlug: string,
	input: Unparsed<RequestInput>,
	key?: string | null
): Promise<{ id: string; path: string }> {
	const r = parseInput(requestInput, input);
	if (r.website) throw new AppError('INVALID', { messageKey: 'shops_error_robot' });
	const s = await shopBySlug(ctx, shopSlug);
	const p = s ? await productBySlug(ctx, s.id, productSlug) : null;
	if (!s || !p || !p.listed) throw new AppError('NOT_FOUND');
	const variants = await variantsOf(ctx, [p.id]);
	if (r.variantId && !variants.some((v) => v.id === r.variantId))
		throw new AppError('INVALID', { fields: { variantId: { key: 'error_field_choice' } } });
	if (!r.variantId && variants.length > 1)
		throw new AppError('INVALID', { fields: { variantId: { key: 'shops_error_variant' } } });
	const result = await once(ctx, `shops.request:${p.id}`, key, async (t) => {
		await consumeRateLimit(t, 'shops.request', t.clientKey ?? 'anonymous', REQUEST_LIMIT);
		const id = randomUUID();
		const now = t.clock();
		const contact = r.contactKind === 'telegram' ? `@${r.contact.replace(/^@/, '')}` : r.contact;
		await insertRequest(t, {
			id,
			shopId: s.id,
			productId: p.id,
			variantId: r.variantId ?? variants[0]?.id ?? null,
			quantity: r.quantity,
			status: 'new',
			buyerName: seal(t, r.buyerName, AAD.buyerName),
			contactKind: r.contactKind,
			contact: seal(t, contact, AAD.contact),
			city: seal(t, r.city, AAD.city),
			message: seal(t, r.message, AAD.message),
			locale: t.locale,
			createdAt: now,
			updatedAt: now
		});
		await insertEvent(t, {
			requestId: id,
			at: now,
			actorId: null,
			fromStatus: null,
			toStatus: 'new',
			note: null
		});
		const owners = await ownersOf(t, s.id);
		const contacts = await accounts.contactsOf(
			t,
			owners.map((o) => o.userId)
		);
		for (const c of contacts.values()) {
			if (c.email.endsWith('.invalid')) continue;
			const locale = (LOCALES as readonly string[]).includes(c.locale ?? '') ? (c.locale as Locale) : 'ru';
			await enqueue(t, {
				channel: 'email',
				recipient: c.email,
				template: 'shops.mail.request_new',
				locale,
				payload: {
					shop: s.slug,
					shopName: textIn(s.name, locale),
					product: textIn(p.title, locale),
					quantity: r.quantity,
					request: id
				},
				dedupeKey: `shops:request-new:${id}:${c.id}`
			});
		}
		// Owners who linked Telegram get it there too, with Accept / Decline buttons (never the buyer's contacts).
		const chats = await accounts.telegramChatsOf(
			t,
			owners.map((o) => o.userId)
		);
		for (const [userId, chatId] of chats) {
			const c = contacts.get(userId);
			const locale = (LOCALES as readonly string[]).includes(c?.locale ?? '') ? (c!.locale as Locale) : 'ru';
			await enqueue(t, {
				channel: 'telegram',
				recipient: chatId,
				template: 'shops.telegram.request_new',
				locale,
				payload: {
					shop: s.slug,
					shopName: textIn(s.name, locale),
					product: textIn(p.title, locale),
					quantity: r.quantity,
					request: id
				},
				dedupeKey: `shops:request-new:tg:${id}:${userId}`
			});
		}
		await writeAudit(t, {
			action: 'shops.request.create',
			entity: 'shops_request',
			entityId: id,
			after: { shop: s.id, product: p.id }
		});
		return { id };
	});
	return { id: result.id, path: privatePath(ctx.locale, tokenFor(ctx, result.id)) };
}

async function requestOfShop(ctx: ServiceContext, shopSlug: string, id: string) {
	const s = await shopBySlug(ctx, shopSlug);
	if (!s) throw new AppError('NOT_FOUND');
	await requireShopEditor(ctx, s.id);
	const r = /^[0-9a-f-]{36}$/.test(id) ? await requestById(ctx, id) : null;
	if (!r || r.shopId !== s.id) throw new AppError('NOT_FOUND');
	return { shop: s, request: r };
}

/** The shop's requests, newest first, filterable by status (no contacts in the list). */
export async function listRequests(
	ctx: ServiceContext,
	shopSlug: string,
	input: { status?: unknown; page?: unknown } = {}
) {
	const s = await shopBySlug(ctx, shopSlug);
	if (!s) throw new AppError('NOT_FOUND');
	await requireShopEditor(ctx, s.id);
	const f = parseInput(requestListInput, input);
	const rows = await requestsOfShop(ctx, s.id, f.status, PAGE_SIZE, (f.page - 1) * PAGE_SIZE);
	const total = rows.length ? Number(rows[0].total) : 0;
	return {
		items: rows.map((r) => ({
			id: r.id,
			status: r.status,
			quantity: r.quantity,
			product: textIn(r.product_title, ctx.locale),
			productSlug: r.product_slug,
			createdAt: new Date(r.created_at).toISOString(),
			updatedAt: new Date(r.updated_at).toISOString()
		})),
		total,
		page: f.page,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		status: f.status ?? null
	};
}

function historyView(events: Awaited<ReturnType<typeof eventsOf>>) {
	return events.map((e) => ({ at: e.at.toISOString(), from: e.fromStatus, to: e.toStatus, note: e.note }));
}

/** One request with the buyer's contacts, for the shop's owners; every call is audited. */
export async function getRequest(ctx: ServiceContext, shopSlug: string, id: string) {
	const { shop: s, request: r } = await requestOfShop(ctx, shopSlug, id);
	const p = await productById(ctx, r.productId);
	const v = r.variantId ? (await variantsOf(ctx, [r.productId])).find((x) => x.id === r.variantId) : null;
	await writeAudit(ctx, { action: 'shops.request.contacts_viewed', entity: 'shops_request', entityId: r.id });
	return {
		id: r.id,
		shopSlug: s.slug,
		status: r.status,
		next: TRANSITIONS[r.status],
		quantity: r.quantity,
		product: p ? textIn(p.title, ctx.locale) : '',
		productSlug: p?.slug ?? '',
		price: p ? priceView(ctx.locale, v?.priceMinor ?? p.priceMinor, p.currency) : null,
		variant: v ? [v.size, v.colour, v.sku].filter(Boolean).join(' · ') : null,
		buyer: r.erasedAt
			? null
			: {
					name: open(ctx, r.buyerName, AAD.buyerName),
					contactKind: r.contactKind,
					contact: open(ctx, r.contact, AAD.contact),
					city: open(ctx, r.city, AAD.city),
					message: open(ctx, r.message, AAD.message)
				},
		erasedAt: r.erasedAt?.toISOString() ?? null,
		createdAt: r.createdAt.toISOString(),
		history: historyView(await eventsOf(ctx, r.id))
	};
}

async function move(ctx: ServiceContext, r: RequestRow, to: RequestStatus, note: string | null) {
	if (!TRANSITIONS[r.status].includes(to))
		throw new AppError('CONFLICT', {
			messageKey: 'shops_error_transition',
			fields: { status: { key: 'shops_error_transition' } }
		});
	await ctx.db.transaction(async (tx) => {
		const t = withDb(ctx, tx);
		const now = t.clock();
		await updateRequestRow(t, r.id, {
			status: to,
			updatedAt: now,
			closedAt: CLOSED.includes(to) ? now : null
		});
		await insertEvent(t, {
			requestId: r.id,
			at: now,
			actorId: t.actor.userId,
			fromStatus: r.status,
			toStatus: to,
			note
		});
		await writeAudit(t, {
			action: 'shops.request.status',
			entity: 'shops_request',
			entityId: r.id,
			before: { status: r.status },
			after: { status: to }
		});
	});
}

/** The maker moves a request on (accept, decline, in production, shipped, done, cancel) with a note. */
export async function changeRequestStatus(
	ctx: ServiceContext,
	shopSlug: string,
	id: string,
	input: { status?: unknown; note?: unknown }
) {
	const { request: r } = await requestOfShop(ctx, shopSlug, id);
	const c = parseInput(statusChangeInput, input);
	await move(ctx, r, c.status, c.note ?? null);
}

/**
 * A status change by the request's id alone (the Telegram buttons carry ids only): the request's shop
 * is looked up and the same checks apply as in `changeRequestStatus` (its owners only; NOT_FOUND for
 * anybody else, CONFLICT for a change its status does not allow). Returns what the reply names.
 */
export async function decideRequest(
	ctx: ServiceContext,
	id: string,
	input: { status?: unknown; note?: unknown }
) {
	const r = /^[0-9a-f-]{36}$/.test(id) ? await requestById(ctx, id) : null;
	const s = r ? await shopById(ctx, r.shopId) : null;
	if (!r || !s) throw new AppError('NOT_FOUND');
	await changeRequestStatus(ctx, s.slug, id, input);
	const p = await productById(ctx, r.productId);
	return {
		shopSlug: s.slug,
		product: p ? textIn(p.title, ctx.locale) : '',
		status: parseInput(statusChangeInput, input).status
	};
}

/** What the buyer sees on her private link: the product, the status and its history. */
export async function requestByToken(ctx: ServiceContext, token: string) {
	const id = idFromToken(ctx, token);
	const r = id ? await requestById(ctx, id) : null;
	if (!r) throw new AppError('NOT_FOUND');
	const s = await shopById(ctx, r.shopId);
	const p = await productById(ctx, r.productId);
	return {
		status: r.status,
		quantity: r.quantity,
		canCancel: r.status === 'new',
		canResend: !r.erasedAt && r.contactKind === 'phone',
		contactKind: r.contactKind,
		shop: s ? { slug: s.slug, name: textIn(s.name, ctx.locale), telegram: s.telegram } : null,
		product: p ? { slug: p.slug, title: textIn(p.title, ctx.locale) } : null,
		createdAt: r.createdAt.toISOString(),
		history: historyView(await eventsOf(ctx, r.id))
	};
}

/** The buyer withdraws her request while it is new. */
export async function cancelByBuyer(ctx: ServiceContext, token: string) {
	const id = idFromToken(ctx, token);
	const r = id ? await requestById(ctx, id) : null;
	if (!r) throw new AppError('NOT_FOUND');
	if (r.status !== 'new') throw new AppError('CONFLICT', { messageKey: 'shops_error_transition' });
	await move(ctx, r, 'cancelled', null);
}

/**
 * Sends the private link again to the phone she gave (SMS through the outbox; Telegram when the bot
 * lands). Rate-limited per request.
 */
export async function resendLink(ctx: ServiceContext, token: string) {
	const id = idFromToken(ctx, token);
	const r = id ? await requestById(ctx, id) : null;
	if (!r || r.erasedAt || !r.contact) throw new AppError('NOT_FOUND');
	if (r.contactKind !== 'phone')
		throw new AppError('CONFLICT', { messageKey: 'shops_error_resend_telegram' });
	await consumeRateLimit(ctx, 'shops.resend', r.id, RESEND_LIMIT);
	// The outbox row names the request only: the phone and the link are read when the SMS leaves
	// (smsForRequest), so neither the buyer's number nor her token ever rests in clear in the outbox.
	await enqueue(ctx, {
		channel: 'sms',
		recipient: `shops_request:${r.id}`,
		template: 'shops.sms.request_link',
		locale: r.locale,
		payload: { request: r.id },
		dedupeKey: `shops:resend:${r.id}:${ctx.clock().getTime()}`
	});
}

/**
 * For the SMS deliverer only: the buyer's phone and her private link, decrypted at the moment of
 * sending; null when the contact is gone (erased) or was not a phone.
 */
export async function smsForRequest(
	ctx: ServiceContext,
	id: string
): Promise<{ phone: string; path: string } | null> {
	const r = await requestById(ctx, id);
	if (!r || r.erasedAt || !r.contact || r.contactKind !== 'phone') return null;
	return { phone: open(ctx, r.contact, AAD.contact)!, path: privatePath(r.locale, tokenFor(ctx, r.id)) };
}

/** Erases buyers' contacts a year after their request closed (the request stays, anonymised). */
export async function eraseOldContacts(ctx: ServiceContext): Promise<number> {
	const now = ctx.clock();
	const before = new Date(now.getTime() - CONTACT_RETENTION_DAYS * 86400_000);
	return eraseContactsClosedBefore(ctx, before, now);
}
