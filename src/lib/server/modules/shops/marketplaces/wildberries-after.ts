import type { ExportSettings, MarketplaceCard } from './card';
import type { ExportResult, StepOutcome } from './client';
import { MarketplaceHttpError } from './client-http';
import { messagesOf, type WildberriesClient } from './client-wildberries';
import { wholeMajor } from './units';

/**
 * What follows an accepted Wildberries card (docs/marketplaces.md §Wildberries): its photos, in the
 * separate `/content/v3/media/save` call that replaces all media (every photo checked first by the
 * client: one bad photo sends none, the outcome names it), then its price through the prices API in
 * the cabinet's currency. Both need the nmID Wildberries gave the card; a card that has none yet is
 * `waiting` (export again later). Each result gets its own media and price outcome; the card's status
 * stays what the content API said.
 */
export async function sendWildberriesMediaAndPrices(
	client: WildberriesClient,
	settings: ExportSettings,
	items: { result: ExportResult; card: MarketplaceCard }[]
): Promise<void> {
	const failed = (error: unknown): StepOutcome => {
		const errors =
			error instanceof MarketplaceHttpError ? messagesOf(error.body).filter((m) => m.message) : [];
		return {
			state: 'failed',
			problems: [],
			errors: errors.length ? errors : [{ message: 'request failed' }]
		};
	};
	const priced: {
		result: ExportResult;
		nmIds: number[];
		amountMinor: number;
		price: number;
		discount?: number;
	}[] = [];
	for (const { result, card } of items) {
		if (result.status !== 'accepted') continue;
		const nmIds: number[] = [];
		try {
			for (const code of result.offerIds) {
				const nmId = await client.findNmId(code);
				if (nmId !== null) nmIds.push(nmId);
			}
		} catch (error) {
			result.media = failed(error);
			result.price = failed(error);
			continue;
		}
		if (nmIds.length < result.offerIds.length) {
			result.media = { state: 'waiting', problems: [], errors: [] };
			result.price = { state: 'waiting', problems: [], errors: [] };
			continue;
		}
		result.media = { state: 'sent', problems: [], errors: [] };
		try {
			for (const nmId of nmIds) {
				const saved = await client.saveMedia(nmId, card.photos);
				if (!saved.saved) {
					result.media = { state: 'not_sent', problems: saved.problems, errors: [] };
					break;
				}
			}
		} catch (error) {
			result.media = failed(error);
		}
		// The validator made sure the price exists in the cabinet's currency and is whole.
		const listed = card.listings.wildberries?.prices.find((p) => p.currency === settings.currency);
		const amountMinor = listed?.amountMinor;
		const price = amountMinor === undefined ? null : wholeMajor(amountMinor, settings.currency);
		if (amountMinor === undefined || price === null) {
			result.price = {
				state: 'not_sent',
				problems: [
					{
						field: 'price',
						code: 'price_missing',
						params: { currency: settings.currency },
						severity: 'error'
					}
				],
				errors: []
			};
			continue;
		}
		priced.push({ result, nmIds, amountMinor, price, discount: listed?.discountPercent });
	}
	if (!priced.length) return;
	const priceItems = priced.flatMap((p) =>
		p.nmIds.map((nmID) => ({ nmID, price: p.price, ...(p.discount ? { discount: p.discount } : {}) }))
	);
	let outcome: StepOutcome;
	try {
		const taskIds = await client.uploadPrices(priceItems);
		outcome = { state: 'sent', problems: [], errors: [], taskIds };
	} catch (error) {
		outcome = failed(error);
	}
	for (const p of priced)
		p.result.price = {
			...outcome,
			...(outcome.state === 'sent'
				? {
						amountMinor: p.amountMinor,
						currency: settings.currency,
						nmIds: p.nmIds,
						...(p.discount ? { discountPercent: p.discount } : {})
					}
				: {})
		};
}
