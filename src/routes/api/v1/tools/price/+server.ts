import type { RequestHandler } from './$types';
import { learning } from '#lib/server/modules/learning';
import { calculatorEndpoint } from '../query';

/** GET /api/v1/tools/price?materials=&hours=&hourlyRate=&overhead=&marginPercent=&currency= */
export const GET: RequestHandler = calculatorEndpoint(
	['materials', 'hours', 'hourlyRate', 'overhead', 'marginPercent', 'currency'],
	learning.calculatePrice,
	({ input: _input, ...view }) => view
);
