import { textIn, type ServiceContext } from '#lib/server/core';
import { amountText, CATEGORIES, CATEGORY_NAMES, type Currency } from '#lib/server/modules/shops';

/** The category choices, named in her language. */
export const categoryOptions = (ctx: ServiceContext) =>
	CATEGORIES.map((code) => ({ code, name: textIn(CATEGORY_NAMES[code], ctx.locale) }));

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
		title: Partial<Record<string, string>>;
		description: Partial<Record<string, string>>;
		materials: Partial<Record<string, string>>;
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
		price: amountText(p.priceMinor, p.currency),
		variants: variants.map((v) => ({ ...v, price: amountText(v.priceMinor, p.currency) }))
	};
}
