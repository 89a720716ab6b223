import { z } from 'zod';
import type { ModuleDefinition } from '../../core/registry';
import {
	breakEvenInput,
	breakEvenView,
	loanInput,
	loanView,
	offlineSyncInput,
	priceInput,
	priceView
} from './inputs';
import { courseDetailView, courseListView, lessonDetailView, progressView } from './views';

/**
 * The learning module's part of /api/v1/openapi.json, generated from its zod schemas with
 * z.toJSONSchema: query parameters from the input schemas (as the numbers they become), responses
 * from the view schemas.
 */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output') {
	const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
		string,
		unknown
	>;
	return rest;
}

function queryParameters(schema: z.ZodObject) {
	return [
		...Object.entries(schema.shape).map(([name, field]) => {
			const { description, ...fieldSchema } = jsonSchema(field as z.ZodType);
			// A parameter is required when leaving it out is an error (no default).
			const required = !(field as z.ZodType).safeParse(undefined).success;
			return { name, in: 'query', required, description, schema: fieldSchema };
		}),
		{
			name: 'locale',
			in: 'query',
			required: false,
			description: 'Language of the messages (also `lang`; else Accept-Language).',
			schema: { type: 'string', enum: ['ky', 'kk', 'tg', 'uz', 'ru', 'en'] }
		}
	];
}

const ok = (name: string, description: string) => ({
	'200': {
		description,
		content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } }
	},
	'400': {
		description: 'Bad input: one message per field, in the requested language',
		content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
	}
});

const ROUNDING =
	'Amounts are in the currency major units and are computed exactly in minor units (2 decimals; whole units for UZS): each scheduled amount is rounded once, half up. Numbers may also be sent as people type them: spaces or non-breaking spaces as thousands separators, a comma decimal, a trailing currency or unit word (`150 000 сом`, `12,5 %`, `36 ай`). Bad input is a 400 with one message per field, in the language of `locale` (or `lang`, else Accept-Language).';

const LANG = {
	name: 'lang',
	in: 'query',
	required: false,
	description: 'Language of the content and messages (else Accept-Language).',
	schema: { type: 'string', enum: ['ky', 'kk', 'tg', 'uz', 'ru', 'en'] }
};
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const body = (name: string, description: string) => ({
	description,
	content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } }
});
const ERROR_400 = body('Error', 'Bad input: one message per field');
const ERROR_401 = body('Error', 'Not signed in');
const ERROR_404 = body('Error', 'No such (published) item');

export const learningOpenApi: NonNullable<ModuleDefinition['openapi']> = {
	paths: {
		'/learning/courses': {
			get: {
				summary: 'Published courses',
				description:
					'Titles and summaries in the requested language (`lang`), with the language each is actually in and whether it is a machine draft.',
				tags: ['learning'],
				parameters: [LANG],
				responses: { '200': body('CourseList', 'The courses') }
			}
		},
		'/learning/courses/{course}': {
			get: {
				summary: 'A course: its lessons, sources and translation status',
				tags: ['learning'],
				parameters: [pathParam('course'), LANG],
				responses: { '200': body('Course', 'The course'), '404': ERROR_404 }
			}
		},
		'/learning/courses/{course}/lessons/{lesson}': {
			get: {
				summary: 'A lesson as sanitized HTML, with its quizzes (never their answers)',
				tags: ['learning'],
				parameters: [pathParam('course'), pathParam('lesson'), LANG],
				responses: { '200': body('Lesson', 'The lesson'), '404': ERROR_404 }
			}
		},
		'/learning/progress': {
			get: {
				summary: 'Her own progress (signed in): lessons read, best quiz scores, certificates',
				tags: ['learning'],
				parameters: [LANG],
				responses: { '200': body('LearningProgress', 'Her progress'), '401': ERROR_401 }
			}
		},
		'/learning/sync': {
			post: {
				summary: 'Send what an offline course pack recorded (lessons read, quiz answers); idempotent',
				description:
					'Lessons are marked read once; each quiz attempt carries the `clientId` the pack gave it, and the same id twice stores one attempt. Quizzes are scored again on the server.',
				tags: ['learning'],
				parameters: [LANG],
				requestBody: {
					required: true,
					content: { 'application/json': { schema: { $ref: '#/components/schemas/OfflineSync' } } }
				},
				responses: {
					'200': body('OfflineSyncResult', 'How many new lessons and attempts were stored'),
					'400': ERROR_400,
					'401': ERROR_401
				}
			}
		},
		'/learning/certificates/{code}': {
			get: {
				summary: 'Verify a certificate: name, course, date, valid or revoked',
				tags: ['learning'],
				parameters: [pathParam('code'), LANG],
				responses: { '200': body('CertificateCheck', 'The certificate'), '404': ERROR_404 }
			}
		},
		'/tools/loan': {
			get: {
				summary: 'A loan schedule, its total cost and effective annual rate',
				description: `Annuity or differentiated repayment, with a one-off fee (paid when the loan is given: she receives amount − feeOnce), a fixed monthly fee and interest-only grace months at the start of the term. The monthly rate is ratePercent / 1200 (a month is 1/12 year). ${ROUNDING} Each month's interest is the balance × the monthly rate; the annuity payment is computed exactly, then rounded; the last payment repays what is left, so the balance ends at exactly 0. The effective rate is the monthly internal rate of return i of the cash flows (+ (amount − feeOnce) at month 0, − each monthly payment with its fee), found by Newton's method kept inside a bracket (bisection when a step leaves it), annualised as (1 + i)^12 − 1 and rounded to 0.1; zero rate and zero fees give 0. With country=KG or KZ the rate carries that regulator's term and citation.`,
				tags: ['learning'],
				parameters: queryParameters(loanInput),
				responses: ok('LoanCalculation', 'The schedule and totals')
			}
		},
		'/tools/price': {
			get: {
				summary: 'A price for one item: materials, labour at a fair hourly rate, overhead, margin',
				description: `labour = hours × hourlyRate; cost = materials + labour + overhead; profit = cost × marginPercent / 100; price = cost + profit. ${ROUNDING}`,
				tags: ['learning'],
				parameters: queryParameters(priceInput),
				responses: ok('PriceCalculation', 'The price and its breakdown')
			}
		},
		'/tools/break-even': {
			get: {
				summary: 'Units and revenue to break even',
				description: `units = ⌈fixedCosts / (price − variableCost)⌉, revenue = units × price. A price not above the variable cost is a 400 on \`price\`. ${ROUNDING}`,
				tags: ['learning'],
				parameters: queryParameters(breakEvenInput),
				responses: ok('BreakEvenCalculation', 'Units and revenue')
			}
		}
	},
	schemas: {
		CourseList: jsonSchema(courseListView),
		Course: jsonSchema(courseDetailView),
		Lesson: jsonSchema(lessonDetailView),
		LearningProgress: jsonSchema(progressView),
		OfflineSync: jsonSchema(offlineSyncInput, 'input'),
		OfflineSyncResult: {
			type: 'object',
			properties: { lessons: { type: 'integer' }, attempts: { type: 'integer' } },
			required: ['lessons', 'attempts']
		},
		CertificateCheck: {
			type: 'object',
			properties: {
				code: { type: 'string' },
				name: { type: 'string' },
				course: { type: 'string' },
				courseSlug: { type: 'string' },
				issuedAt: { type: 'string', format: 'date-time' },
				valid: { type: 'boolean' },
				revokedAt: { type: ['string', 'null'], format: 'date-time' }
			},
			required: ['code', 'name', 'course', 'issuedAt', 'valid', 'revokedAt']
		},
		LoanCalculation: jsonSchema(loanView),
		PriceCalculation: jsonSchema(priceView),
		BreakEvenCalculation: jsonSchema(breakEvenView)
	}
};
