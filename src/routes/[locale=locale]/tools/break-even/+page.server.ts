import type { PageServerLoad } from './$types';
import { learning, CURRENCIES } from '#lib/server/modules/learning';
import { defaultCurrency, runCalculator } from '../calculate';

const BREAK_EVEN_FIELDS = ['fixedCosts', 'price', 'variableCost', 'currency'] as const;

/** The break-even calculator: a GET form, units and revenue rendered here. */
export const load: PageServerLoad = ({ locals, url }) => ({
	...runCalculator(locals.locale, url.searchParams, BREAK_EVEN_FIELDS, (raw) =>
		learning.calculateBreakEven(locals.ctx, raw)
	),
	currencyDefault: defaultCurrency(locals.locale),
	currencies: CURRENCIES
});
