import type { ModuleDefinition } from '../../core/registry';
import { calculateBreakEven, calculateLoan, calculatePrice } from './calculators';
import { learningOpenApi } from './openapi';
export {
	CURRENCIES,
	MAX_MONTHS,
	type Currency,
	type LoanView,
	type PriceView,
	type BreakEvenView
} from './inputs';
export { LOAN_METHODS, type LoanMethod } from './loan';
export { RATE_COUNTRIES, type RateCountry } from './rules';

/** The learning module's public API. For now: the financial calculators (price, loan, break-even). */
export const learning = {
	calculateLoan,
	calculatePrice,
	calculateBreakEven
};

export const learningModule: ModuleDefinition = {
	name: 'learning',
	home: {
		title: 'home_module_learning_title',
		summary: 'home_module_learning_summary',
		path: '/tools'
	},
	openapi: learningOpenApi
};
