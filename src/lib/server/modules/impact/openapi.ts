import { indicatorQuery, reachFilter, storyFilter } from './inputs';
import type { ModuleDefinition } from '../../core/registry';

/** The impact module's part of /api/v1/openapi.json. */

const lang = {
	name: 'lang',
	in: 'query',
	required: false,
	schema: { type: 'string', enum: ['ky', 'kk', 'tg', 'uz', 'ru', 'en'] },
	description: 'Language of text fields.'
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const cell = {
	type: 'object',
	properties: {
		dimension: { type: ['string', 'null'] },
		dimensionValue: { type: ['string', 'null'] },
		status: { type: 'string', enum: ['value', 'suppressed', 'not_available'] },
		value: { type: ['number', 'null'] }
	},
	required: ['dimension', 'dimensionValue', 'status', 'value']
};
const nullableNumber = { type: ['number', 'null'] };

export const openapi: NonNullable<ModuleDefinition['openapi']> = {
	paths: {
		'/impact/indicators': {
			get: {
				summary: 'Indicator values: approved, aggregated, suppressed, with their disaggregations',
				description:
					'Entered values appear once a second coordinator approved them; indicators computed from the platform are read from the modules’ snapshots. Counts of people under 5 are suppressed (with complementary suppression); a breakdown no source gives is `not_available`, never 0. `flags` names breakdowns whose parts do not add up to the total.',
				tags: ['impact'],
				query: indicatorQuery,
				parameters: [lang],
				responses: {
					'200': {
						description: 'Indicators with their values',
						content: { 'application/json': { schema: ref('ImpactIndicators') } }
					},
					'400': { description: 'Invalid filter', content: { 'application/json': { schema: ref('Error') } } }
				}
			}
		},
		'/impact/reach': {
			get: {
				summary: 'Campaign reach per channel, country and period, with totals',
				description:
					'Totals add reach over channels as reported: the same person reached on two channels counts twice (`deduplicated` is always false). `asReported` marks figures the initiative reported; `estimate` marks radio, TV and print audiences.',
				tags: ['impact'],
				query: reachFilter,
				parameters: [lang],
				responses: {
					'200': { description: 'Reach', content: { 'application/json': { schema: ref('ImpactReach') } } }
				}
			}
		},
		'/impact/iati': {
			get: {
				summary: 'IATI 2.03 activity file for approved values',
				description:
					'Results, indicators, baselines, periods, targets and actuals, one actual per disaggregated value with its `dimension`. Refused (409) when the reporting organisation’s identifier (BIRGE_IATI_ORG_ID) is not configured.',
				tags: ['impact'],
				parameters: [
					{
						name: 'country',
						in: 'query',
						required: false,
						schema: { type: 'string', enum: ['KG', 'KZ', 'TJ', 'UZ', 'RG'] }
					},
					lang
				],
				responses: {
					'200': {
						description: 'The activity file',
						content: { 'application/xml': { schema: { type: 'string' } } }
					},
					'404': {
						description: 'Nothing approved to export',
						content: { 'application/json': { schema: ref('Error') } }
					},
					'409': { description: 'Not configured', content: { 'application/json': { schema: ref('Error') } } }
				}
			}
		},
		'/stories': {
			get: {
				summary: 'Stories and campaign content',
				description:
					'People featured are named only where they consented and chose to be public; `peopleNotNamed` counts the others.',
				tags: ['impact'],
				query: storyFilter,
				parameters: [lang],
				responses: {
					'200': { description: 'Stories', content: { 'application/json': { schema: ref('ImpactStories') } } }
				}
			}
		}
	},
	schemas: {
		ImpactIndicators: {
			type: 'object',
			properties: {
				indicators: {
					type: 'array',
					items: {
						type: 'object',
						properties: {
							id: { type: 'string' },
							resultId: { type: 'string' },
							title: { type: 'string' },
							definition: { type: 'string' },
							unit: { type: 'string' },
							numericType: { type: 'string', enum: ['integer', 'decimal', 'percent'] },
							direction: { type: 'string', enum: ['increase', 'decrease'] },
							moduleIndicator: { type: ['string', 'null'] },
							dimensions: { type: 'array', items: { type: 'string' } },
							baseline: {
								type: ['object', 'null'],
								properties: { value: { type: 'number' }, period: { type: ['string', 'null'] } }
							},
							targets: {
								type: 'array',
								items: {
									type: 'object',
									properties: {
										period: { type: 'string' },
										country: { type: 'string' },
										value: { type: 'number' }
									}
								}
							},
							rows: {
								type: 'array',
								items: {
									type: 'object',
									properties: {
										period: { type: 'string' },
										country: { type: 'string' },
										total: cell,
										parts: { type: 'array', items: cell },
										flags: { type: 'array', items: { type: 'string' } },
										target: nullableNumber,
										source: { type: 'string', enum: ['module', 'entered'] }
									}
								}
							}
						}
					}
				}
			},
			required: ['indicators']
		},
		ImpactReach: {
			type: 'object',
			properties: {
				rows: {
					type: 'array',
					items: {
						type: 'object',
						properties: {
							id: { type: 'string' },
							storyId: { type: ['string', 'null'] },
							campaign: { type: ['string', 'null'] },
							channel: { type: 'string' },
							country: { type: 'string' },
							period: { type: ['string', 'null'] },
							impressions: nullableNumber,
							reach: nullableNumber,
							engagements: nullableNumber,
							views: nullableNumber,
							estimate: { type: 'boolean' },
							asReported: { type: 'boolean' },
							source: { type: 'string' }
						}
					}
				},
				byChannel: { type: 'array', items: { type: 'object' } },
				byCountry: { type: 'array', items: { type: 'object' } },
				deduplicated: { type: 'boolean', const: false },
				empty: { type: 'boolean' }
			}
		},
		ImpactStories: {
			type: 'object',
			properties: { stories: { type: 'array', items: { type: 'object' } } },
			required: ['stories']
		}
	}
};
