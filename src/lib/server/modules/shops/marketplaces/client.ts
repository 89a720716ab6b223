import type { MarketplaceCard, Problem } from './card';
import type { CategoryRules } from './category-rules';

/** What both API clients (Wildberries, Ozon) offer: a connection test and an export with per-card results. */
export interface MarketplaceClient {
	readonly marketplace: 'wildberries' | 'ozon';
	testConnection(): Promise<ConnectionResult>;
	exportCards(requests: ExportRequest[], onProgress?: ExportProgress): Promise<ExportResult[]>;
}

export interface ExportRequest {
	card: MarketplaceCard;
	category: CategoryRules | null;
}

/** Called as the export goes: cards finished (accepted, failed, skipped or blocked) of all. */
export type ExportProgress = (done: number, total: number) => void;

export interface ConnectionResult {
	ok: boolean;
	/** Why not: the key is wrong (401), lacks the scope (403), too many calls, the host is unreachable, other. */
	reason?: 'unauthorized' | 'forbidden' | 'rate_limited' | 'unreachable' | 'error';
	status?: number;
}

/** A message in the marketplace's own words, with what it names (field, attribute), where it says. */
export interface MarketplaceMessage {
	message: string;
	code?: string;
	field?: string;
	/** The seller article / offer id the message is about. */
	offerId?: string;
	attributeId?: number;
	attributeName?: string;
	level?: string;
}

export interface ExportResult {
	productCode: string;
	/** The seller articles / offer ids sent for this card. */
	offerIds: string[];
	/**
	 * accepted: taken (Wildberries: queued with no error listed; Ozon: imported);
	 * failed: the marketplace refused it (its errors below); skipped: Ozon saw no change;
	 * pending: still processing when polling stopped; blocked: Birge's checks failed, nothing was sent.
	 */
	status: 'accepted' | 'failed' | 'skipped' | 'pending' | 'blocked';
	problems: Problem[];
	errors: MarketplaceMessage[];
	/** Wildberries: the photos sent after the card was accepted (a separate call that replaces all media). */
	media?: StepOutcome;
	/** Wildberries: the price sent through the prices API after the card was accepted. */
	price?: StepOutcome;
}

/**
 * One step after a card (Wildberries photos, price): sent; not_sent (Birge's checks found a problem,
 * nothing was sent: `problems` say which photo and why); failed (the marketplace refused: `errors`);
 * waiting (the card has no nmID yet: the follow-up job checks again). A sent price becomes accepted
 * (the prices task updated it) or held (the task left it unchanged: `errors` in Wildberries' words).
 */
export interface StepOutcome {
	state: 'sent' | 'not_sent' | 'failed' | 'waiting' | 'accepted' | 'held';
	problems: Problem[];
	errors: MarketplaceMessage[];
	/** Price: what was sent, in the cabinet's currency (integer minor units). */
	amountMinor?: number;
	currency?: string;
	/** Price: the Wildberries discount sent with it (whole per cent). */
	discountPercent?: number;
	/** Prices API: the upload task ids. */
	taskIds?: number[];
	/** Prices API: the card's nmIDs the price was sent for (to read their state in the task). */
	nmIds?: number[];
}

export const WILDBERRIES_HOSTS = {
	content: 'https://content-api.wildberries.ru',
	prices: 'https://discounts-prices-api.wildberries.ru'
};
export const OZON_HOSTS = { seller: 'https://api-seller.ozon.ru' };

export function connectionFailure(status: number): ConnectionResult {
	if (status === 0) return { ok: false, reason: 'unreachable', status };
	if (status === 401) return { ok: false, reason: 'unauthorized', status };
	if (status === 403) return { ok: false, reason: 'forbidden', status };
	if (status === 429) return { ok: false, reason: 'rate_limited', status };
	return { ok: false, reason: 'error', status };
}
