import { z } from 'zod';
import type { ModuleDefinition } from '../../core/registry';
import { payoutInput, reportInput, reviewInput } from './inputs';

/** The production module's part of /api/v1/openapi.json. Every endpoint needs a signed-in session. */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const errors = {
	'400': {
		description: 'Invalid input: one message per field, in the requested language',
		...json(ref('Error'))
	},
	'401': { description: 'Not signed in', ...json(ref('Error')) },
	'404': { description: 'No such network for this account (or not hers)', ...json(ref('Error')) }
};
const lang = {
	name: 'lang',
	in: 'query',
	required: false,
	schema: { type: 'string', enum: ['ky', 'kk', 'tg', 'uz', 'ru', 'en'] }
};
const networkId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const anyObject = { type: 'object', additionalProperties: true };

const schema = (s: z.ZodType) => {
	const out = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
	delete out.$schema;
	return out;
};

export const openapi: NonNullable<ModuleDefinition['openapi']> = {
	paths: {
		'/production/me': {
			get: {
				summary: "The signed-in maker's assignments, kits and balances",
				tags: ['production'],
				parameters: [lang],
				responses: { '200': { description: 'Her work', ...json(anyObject) }, ...errors }
			}
		},
		'/production/reports': {
			post: {
				summary: 'Report finished pieces on one of her assignments (no photo; the web form takes one)',
				description:
					'Send an Idempotency-Key header: a retry with the same key records nothing and answers 200 with the first report (repeated: true).',
				tags: ['production'],
				parameters: [lang, { name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }],
				requestBody: { required: true, ...json(ref('ProductionReportInput')) },
				responses: {
					'201': { description: 'Recorded', ...json(anyObject) },
					'200': { description: 'A repeat of an earlier key: the first report', ...json(anyObject) },
					...errors
				}
			}
		},
		'/production/networks/{id}/queue': {
			get: {
				summary: 'Reports to check (25 a page), filtered by status, maker or order',
				tags: ['production'],
				parameters: [
					networkId,
					lang,
					{
						name: 'status',
						in: 'query',
						schema: { type: 'string', enum: ['pending', 'accepted', 'rejected'] }
					},
					{ name: 'makerId', in: 'query', schema: { type: 'string' } },
					{ name: 'orderId', in: 'query', schema: { type: 'string' } },
					{ name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } }
				],
				responses: { '200': { description: 'A page of the queue', ...json(anyObject) }, ...errors }
			}
		},
		'/production/networks/{id}/reviews': {
			post: {
				summary: 'Accept or reject several reports at once (accepted pieces earn at the rate of the day)',
				tags: ['production'],
				parameters: [networkId, lang],
				requestBody: { required: true, ...json(ref('ProductionReviewInput')) },
				responses: {
					'200': { description: 'How many were reviewed and skipped', ...json(anyObject) },
					...errors
				}
			}
		},
		'/production/networks/{id}/payouts': {
			post: {
				summary: 'Record a payout made outside Birge (above the balance only with a confirmation and reason)',
				tags: ['production'],
				parameters: [networkId, lang],
				requestBody: { required: true, ...json(ref('ProductionPayoutInput')) },
				responses: { '201': { description: 'Recorded', ...json(anyObject) }, ...errors }
			}
		},
		'/production/networks/{id}/ledger': {
			get: {
				summary: "The network's ledger entries, oldest first (optionally one month: ?month=2026-11)",
				tags: ['production'],
				parameters: [networkId, lang, { name: 'month', in: 'query', schema: { type: 'string' } }],
				responses: { '200': { description: 'Entries', ...json(anyObject) }, ...errors }
			}
		},
		'/production/networks/{id}/register': {
			get: {
				summary: 'Register of home workers and record of work given out (ILO R184), with totals by sex',
				tags: ['production'],
				parameters: [networkId, lang],
				responses: { '200': { description: 'Tables', ...json(anyObject) }, ...errors }
			}
		}
	},
	schemas: {
		ProductionReportInput: schema(reportInput),
		ProductionReviewInput: schema(reviewInput),
		ProductionPayoutInput: schema(payoutInput)
	}
};
