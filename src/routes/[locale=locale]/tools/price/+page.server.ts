import type { PageServerLoad } from './$types';
import { learning, CURRENCIES } from '#lib/server/modules/learning';
import { defaultCurrency, runCalculator } from '../calculate';

const PRICE_FIELDS = ['materials', 'hours', 'hourlyRate', 'overhead', 'marginPercent', 'currency'] as const;

/** The price calculator: a GET form, the price and its breakdown rendered here. */
export const load: PageServerLoad = ({ locals, url }) => ({
	...runCalculator(locals.locale, url.searchParams, PRICE_FIELDS, (raw) =>
		learning.calculatePrice(locals.ctx, raw)
	),
	currencyDefault: defaultCurrency(locals.locale),
	currencies: CURRENCIES
});
