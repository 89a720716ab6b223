import { plainText, type I18nText, type ServiceContext } from '#lib/server/core';
import { amountText, shops, type Currency } from '#lib/server/modules/shops';

/** The category choices, named in her language (from the shops module's category table). */
export const categoryOptions = (ctx: ServiceContext) => shops.listCategories(ctx);

/** A form's input again (after a failure): the typed price stays as typed. */
export function echoProduct(input: Record<string, unknown>, form: FormData) {
	const variants = (input.variants as Record<string, unknown>[]).map((v, i) => ({
		...v,
		price: String(form.get(`variant_${i}_price`) ?? '')
	}));
	return { ...input, price: String(form.get('price') ?? ''), variants };
}

/** A stored product as the form shows it. */
export function productValues(
	p: {
		slug: string;
		title: I18nText;
		description: I18nText;
		materials: I18nText;
		category: string;
		priceMinor: number;
		currency: Currency;
		availability: string;
		leadTimeDays: number | null;
		quantity: number | null;
		weightG: number | null;
		itemSize: { lengthCm: number; widthCm: number; heightCm: number } | null;
		packageSize: { lengthCm: number; widthCm: number; heightCm: number } | null;
	},
	variants: {
		sku: string;
		size: string | null;
		colour: string | null;
		barcode: string | null;
		priceMinor: number | null;
		quantity: number | null;
	}[]
) {
	return {
		...p,
		// The form edits the texts; their provenance marks stay in the database (carried on save).
		title: plainText(p.title),
		description: plainText(p.description),
		materials: plainText(p.materials),
		price: amountText(p.priceMinor, p.currency),
		variants: variants.map((v) => ({ ...v, price: amountText(v.priceMinor, p.currency) }))
	};
}
