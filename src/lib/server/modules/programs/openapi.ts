import type { ModuleDefinition } from '../../core/registry';
import { BUSINESS_FORMS, GROUPS, PROFILE_COUNTRIES, SECTORS } from './inputs';
import { PROGRAM_COUNTRIES, PROGRAM_KINDS, PROGRAM_STATUSES, VERIFICATIONS } from './schema';

const lang = {
	name: 'lang',
	in: 'query',
	schema: { type: 'string', enum: ['ky', 'kk', 'tg', 'uz', 'ru', 'en'] },
	description: 'Language of every text in the answer (falls back ky/kk/tg/uz→ru→en).'
};
const errors = {
	'400': {
		description: 'Bad input: one message per field',
		content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
	}
};

export const programsOpenApi: NonNullable<ModuleDefinition['openapi']> = {
	paths: {
		'/programs': {
			get: {
				summary: 'Search published support programs',
				tags: ['programs'],
				parameters: [
					{
						name: 'q',
						in: 'query',
						schema: { type: 'string', maxLength: 200 },
						description:
							'Words in any of the six languages; Uzbek in either script; letters without marks are fine.'
					},
					{ name: 'country', in: 'query', schema: { type: 'string', enum: [...PROGRAM_COUNTRIES] } },
					{
						name: 'region',
						in: 'query',
						schema: { type: 'string' },
						description: 'ISO 3166-2 code, e.g. KG-Y'
					},
					{ name: 'kind', in: 'query', schema: { type: 'string', enum: [...PROGRAM_KINDS] } },
					{ name: 'women', in: 'query', schema: { type: 'boolean' }, description: 'Only programs for women' },
					{
						name: 'open',
						in: 'query',
						schema: { type: 'boolean' },
						description: 'Only programs one can apply to now'
					},
					{
						name: 'sort',
						in: 'query',
						schema: { type: 'string', enum: ['relevance', 'deadline', 'reviewed'] }
					},
					{ name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
					{
						name: 'pageSize',
						in: 'query',
						schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 }
					},
					lang
				],
				responses: {
					'200': {
						description: 'A page of programs',
						content: {
							'application/json': {
								schema: {
									type: 'object',
									required: ['items', 'total'],
									properties: {
										items: { type: 'array', items: { $ref: '#/components/schemas/ProgramSummary' } },
										total: {
											type: 'integer',
											description: 'Matching programs (with q: at most 1000 are counted; see more)'
										},
										more: { type: 'boolean' },
										page: { type: 'integer' },
										pageSize: { type: 'integer' },
										suggestions: {
											type: 'array',
											items: { type: 'string' },
											description: 'Nearest known words when nothing matched'
										}
									}
								}
							}
						}
					},
					...errors
				}
			}
		},
		'/programs/{slug}': {
			get: {
				summary: 'One published program',
				tags: ['programs'],
				parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }, lang],
				responses: {
					'200': {
						description: 'The program',
						content: { 'application/json': { schema: { $ref: '#/components/schemas/Program' } } }
					},
					'404': {
						description: 'No such published program',
						content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
					}
				}
			}
		},
		'/programs/match': {
			post: {
				summary: 'Check a business profile against every program one can apply for',
				description:
					'Nothing is stored. Unknown facts (fields left out) give "maybe". Eligible first, then maybe, then ineligible.',
				tags: ['programs'],
				parameters: [lang],
				requestBody: {
					required: true,
					content: { 'application/json': { schema: { $ref: '#/components/schemas/BusinessProfile' } } }
				},
				responses: {
					'200': {
						description: 'Programs with a result and a reason per criterion',
						content: {
							'application/json': {
								schema: {
									type: 'object',
									required: ['items'],
									properties: {
										items: {
											type: 'array',
											items: {
												type: 'object',
												required: ['slug', 'title', 'result', 'reasons'],
												properties: {
													slug: { type: 'string' },
													title: { type: 'string' },
													result: { type: 'string', enum: ['eligible', 'maybe', 'ineligible'] },
													maxAmount: { type: ['string', 'null'] },
													reasons: {
														type: 'array',
														items: {
															type: 'object',
															required: ['field', 'met', 'text'],
															properties: {
																field: { type: 'string' },
																met: { type: ['boolean', 'null'] },
																text: { type: 'string' }
															}
														}
													},
													next: { type: 'array', items: { type: 'string' } }
												}
											}
										}
									}
								}
							}
						}
					},
					...errors
				}
			}
		}
	},
	schemas: {
		Terms: {
			type: 'object',
			description: 'As the sources state them; null = not known (never a guess).',
			properties: {
				currency: { type: ['string', 'null'] },
				amountMin: { type: ['number', 'null'] },
				amountMax: { type: ['number', 'null'] },
				ratePercent: { type: ['number', 'null'] },
				termMonthsMax: { type: ['number', 'null'] },
				graceMonthsMax: { type: ['number', 'null'] }
			}
		},
		ProgramSummary: {
			type: 'object',
			required: [
				'slug',
				'title',
				'summary',
				'kinds',
				'country',
				'countries',
				'status',
				'terms',
				'sources',
				'verification',
				'reviewedOn',
				'url'
			],
			properties: {
				slug: { type: 'string' },
				title: { type: 'string' },
				summary: { type: 'string' },
				kinds: { type: 'array', items: { type: 'string', enum: [...PROGRAM_KINDS] } },
				country: { type: 'string', enum: [...PROGRAM_COUNTRIES] },
				countries: { type: 'array', items: { type: 'string' } },
				status: { type: 'string', enum: [...PROGRAM_STATUSES] },
				terms: { $ref: '#/components/schemas/Terms' },
				sources: {
					type: 'array',
					items: {
						type: 'object',
						properties: {
							url: { type: 'string' },
							publisher: { type: ['string', 'null'] },
							date: { type: ['string', 'null'] }
						}
					}
				},
				verification: { type: 'string', enum: [...VERIFICATIONS] },
				reviewedOn: { type: ['string', 'null'], format: 'date' },
				url: { type: 'string', description: 'The program page' }
			}
		},
		Program: {
			allOf: [
				{ $ref: '#/components/schemas/ProgramSummary' },
				{
					type: 'object',
					properties: {
						body: { type: ['string', 'null'] },
						operator: { type: ['string', 'null'] },
						eligibilityText: { type: ['string', 'null'], description: "The source's own words" },
						criteria: {
							type: 'array',
							items: {
								type: 'object',
								properties: { field: { type: 'string' }, op: { type: 'string' }, value: {} }
							}
						},
						deadlines: { type: 'object' },
						howToApply: { type: 'object' },
						officialUrl: { type: ['string', 'null'] }
					}
				}
			]
		},
		BusinessProfile: {
			type: 'object',
			description: 'Every field optional; a missing one is an unknown fact.',
			properties: {
				country: { type: 'string', enum: [...PROFILE_COUNTRIES] },
				region: { type: 'string', description: 'ISO 3166-2 code' },
				businessForm: { type: 'string', enum: [...BUSINESS_FORMS] },
				monthsOperating: { type: 'integer', minimum: 0 },
				annualTurnover: { type: 'number', minimum: 0, description: "In the country's currency" },
				employees: { type: 'integer', minimum: 0 },
				sector: { type: 'string', enum: [...SECTORS] },
				womanLed: { type: 'boolean' },
				womenFoundersShare: { type: 'number', minimum: 0, maximum: 1 },
				socialEnterprise: { type: 'boolean' },
				groups: { type: 'array', items: { type: 'string', enum: [...GROUPS] } },
				lowIncomeFamily: { type: 'boolean' }
			}
		}
	}
};
