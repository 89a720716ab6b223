import type { RequestHandler } from './$types';
import { learning } from '#lib/server/modules/learning';
import { calculatorEndpoint } from '../query';

/** GET /api/v1/tools/break-even?fixedCosts=&price=&variableCost=&currency= */
export const GET: RequestHandler = calculatorEndpoint(
	['fixedCosts', 'price', 'variableCost', 'currency'],
	learning.calculateBreakEven,
	({ input: _input, ...view }) => view
);
