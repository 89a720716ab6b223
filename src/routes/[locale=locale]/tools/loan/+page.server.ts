import type { PageServerLoad } from './$types';
import { learning, CURRENCIES, LOAN_METHODS, RATE_COUNTRIES } from '#lib/server/modules/learning';
import { defaultCountry, defaultCurrency, runCalculator } from '../calculate';

const LOAN_FIELDS = [
	'amount',
	'ratePercent',
	'months',
	'graceMonths',
	'method',
	'feeOnce',
	'feeMonthly',
	'currency',
	'country'
] as const;

/** The loan calculator: a GET form, the schedule rendered here (also from a program's terms). */
export const load: PageServerLoad = ({ locals, url }) => {
	const page = runCalculator(locals.locale, url.searchParams, LOAN_FIELDS, (raw) =>
		learning.calculateLoan(locals.ctx, raw)
	);
	return {
		...page,
		currencyDefault: defaultCurrency(locals.locale),
		countryDefault: defaultCountry(locals.locale),
		fromProgram: url.searchParams.has('program'),
		currencies: CURRENCIES,
		methods: LOAN_METHODS,
		countries: RATE_COUNTRIES
	};
};
