import type { RequestHandler } from './$types';
import { learning } from '#lib/server/modules/learning';
import { calculatorEndpoint } from '../query';

/** GET /api/v1/tools/loan?amount=&ratePercent=&months=&method=&feeOnce=&feeMonthly=&graceMonths=&currency=&country= */
export const GET: RequestHandler = calculatorEndpoint(
	[
		'amount',
		'ratePercent',
		'months',
		'method',
		'feeOnce',
		'feeMonthly',
		'graceMonths',
		'currency',
		'country'
	],
	learning.calculateLoan,
	({ input: _input, ...view }) => view
);
