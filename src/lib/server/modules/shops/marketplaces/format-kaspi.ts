import type { MarketplaceCard } from './card';
import { KASPI } from './rules';
import { wholeMajor } from './units';

/**
 * Kaspi's XML price list, which Kaspi fetches from the shop's URL every 30 minutes (research notes §A3):
 *
 * <kaspi_catalog date="…" xmlns="kaspiShopping" xsi:schemaLocation="kaspiShopping http://kaspi.kz/kaspishopping.xsd">
 *   <company>…</company><merchantid>…</merchantid>
 *   <offers><offer sku="…"><model/><brand/><availabilities><availability …/></availabilities>
 *   <price/> | <cityprices><cityprice cityId="…"/></cityprices></offer></offers>
 * </kaspi_catalog>
 *
 * Streamed offer by offer (a generator of strings), so 10,000 offers never sit in memory as one document.
 * Text and attributes are escaped exactly once here, from the raw values; callers never pre-escape.
 * A withdrawn offer stays in the list with every point `available="no"`: dropping it would leave the
 * old price on sale.
 */
export interface KaspiFeedSettings {
	company: string;
	merchantId: string;
	/** The shop's store point ids (PP1, PP2, …) as Kaspi's cabinet lists them. */
	storeIds: string[];
}

// XML 1.0 allows tab, LF, CR and everything from U+0020 except the surrogates and U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Escapes text or an attribute value once (& first, so nothing is escaped twice). */
export function escapeXml(value: string): string {
	return value
		.replace(NOT_XML, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The feed date as `YYYY-MM-DD HH:mm` in UTC (third-party generators' form; Kaspi's XSD says string). */
function feedDate(now: Date): string {
	return `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())} ${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}`;
}

function offerXml(card: MarketplaceCard, variantIndex: number, settings: KaspiFeedSettings): string {
	const listing = card.listings.kaspi!;
	const variant = card.variants[variantIndex];
	const model =
		(listing.model?.trim() || card.title.ru?.text.trim() || '') +
		(card.variants.length > 1 && variant.size ? ` ${variant.size}` : '');
	const points = listing.availabilities?.length
		? listing.availabilities
		: settings.storeIds.map((storeId) => ({ storeId, stockCount: undefined, preOrderDays: undefined }));
	const availability = points
		.map((point) => {
			const stock = card.variants.length > 1 ? variant.stock : (point.stockCount ?? variant.stock);
			const available = !listing.withdrawn && (stock === undefined || stock > 0);
			const attrs = [`available="${available ? 'yes' : 'no'}"`, `storeId="${escapeXml(point.storeId)}"`];
			if (available && point.preOrderDays) attrs.push(`preOrder="${point.preOrderDays}"`);
			if (stock !== undefined) attrs.push(`stockCount="${Math.max(0, Math.trunc(stock))}"`);
			return `<availability ${attrs.join(' ')}/>`;
		})
		.join('');
	const cityPrices = listing.cityPrices ?? [];
	const price = cityPrices.length
		? `<cityprices>${cityPrices
				.map(
					(c) =>
						`<cityprice cityId="${escapeXml(c.cityId)}">${wholeMajor(c.amountMinor, KASPI.currency)}</cityprice>`
				)
				.join('')}</cityprices>`
		: `<price>${wholeMajor(listing.prices.find((p) => p.currency === KASPI.currency)!.amountMinor, KASPI.currency)}</price>`;
	return (
		`<offer sku="${escapeXml(variant.sku.trim())}">` +
		`<model>${escapeXml(model)}</model>` +
		`<brand>${escapeXml(card.brand?.trim() ?? '')}</brand>` +
		`<availabilities>${availability}</availabilities>` +
		price +
		`</offer>\n`
	);
}

/** The price list as UTF-8 text chunks; only cards that passed `validateKaspi` belong here. */
export function* kaspiPriceList(
	cards: Iterable<MarketplaceCard>,
	settings: KaspiFeedSettings,
	now: Date
): Generator<string> {
	yield '<?xml version="1.0" encoding="utf-8"?>\n';
	yield `<kaspi_catalog date="${feedDate(now)}" xmlns="kaspiShopping" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="kaspiShopping http://kaspi.kz/kaspishopping.xsd">\n`;
	yield `<company>${escapeXml(settings.company)}</company>\n`;
	yield `<merchantid>${escapeXml(settings.merchantId)}</merchantid>\n`;
	yield '<offers>\n';
	for (const card of cards) {
		for (let i = 0; i < card.variants.length; i++) yield offerXml(card, i, settings);
	}
	yield '</offers>\n</kaspi_catalog>\n';
}

/** The whole price list as one string (tests, small shops); the feed route streams the generator. */
export function kaspiPriceListText(
	cards: Iterable<MarketplaceCard>,
	settings: KaspiFeedSettings,
	now: Date
): string {
	let text = '';
	for (const chunk of kaspiPriceList(cards, settings, now)) text += chunk;
	return text;
}

/** The price list as a web stream of UTF-8 bytes, for the feed route's `Response` (pulled chunk by chunk). */
export function kaspiPriceListStream(
	cards: Iterable<MarketplaceCard>,
	settings: KaspiFeedSettings,
	now: Date
): ReadableStream<Uint8Array> {
	const chunks = kaspiPriceList(cards, settings, now);
	const encoder = new TextEncoder();
	return new ReadableStream<Uint8Array>({
		pull(controller) {
			// Several offers per pull: fewer, larger chunks than one per offer.
			let text = '';
			for (let i = 0; i < 64; i++) {
				const next = chunks.next();
				if (next.done) {
					if (text) controller.enqueue(encoder.encode(text));
					controller.close();
					return;
				}
				text += next.value;
			}
			controller.enqueue(encoder.encode(text));
		}
	});
}

/** The headers the feed route answers with. */
export const KASPI_FEED_HEADERS = {
	'Content-Type': 'application/xml; charset=utf-8',
	'Cache-Control': 'no-store',
	'X-Robots-Tag': 'noindex'
} as const;
