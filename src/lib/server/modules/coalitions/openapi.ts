import { BARRIERS, INSTRUMENT_TYPES, ITEM_KINDS, STATUSES } from './schema';
import type { ModuleDefinition } from '../../core/registry';

const lang = {
	name: 'lang',
	in: 'query',
	required: false,
	schema: { type: 'string', enum: ['ky', 'kk', 'tg', 'uz', 'ru', 'en'] },
	description: 'Language of text fields (falls back ky→ru→en etc.; `fallbackLocale` says when).'
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errors = {
	'404': { description: 'No such coalition', content: { 'application/json': { schema: ref('Error') } } }
};

/** The coalitions module's part of /api/v1/openapi.json. */
export const openapi: NonNullable<ModuleDefinition['openapi']> = {
	paths: {
		'/coalitions': {
			get: {
				summary: 'Coalitions with their reported figures and adoption count',
				description:
					'Reported figures are as published by their sources (with the source); `registeredMembers` is the count of member organizations registered in Birge, a different figure. `adoption` counts recommendations adopted or implemented (aggregate outcomes count their own N of M; demo items and coalition outputs are not counted).',
				tags: ['coalitions'],
				parameters: [lang],
				responses: {
					'200': {
						description: 'The coalitions',
						content: {
							'application/json': {
								schema: {
									type: 'object',
									required: ['items', 'sources'],
									properties: {
										items: { type: 'array', items: ref('Coalition') },
										sources: { type: 'array', items: ref('CoalitionSource') }
									}
								}
							}
						}
					}
				}
			}
		},
		'/coalitions/{slug}/recommendations': {
			get: {
				summary: "A coalition's recommendations and aggregate outcomes, with their timelines",
				tags: ['coalitions'],
				parameters: [
					{ name: 'slug', in: 'path', required: true, schema: { type: 'string', example: 'kg' } },
					lang
				],
				responses: {
					'200': {
						description: 'Tracked items with status, progress, barrier and every timeline entry',
						content: {
							'application/json': {
								schema: {
									type: 'object',
									required: ['items'],
									properties: {
										coalition: { type: 'string' },
										adoption: ref('Adoption'),
										items: { type: 'array', items: ref('CoalitionItem') }
									}
								}
							}
						}
					},
					...errors
				}
			}
		},
		'/coalitions/evidence/{id}': {
			get: {
				summary: 'An evidence document uploaded to a timeline entry (PDF or image)',
				tags: ['coalitions'],
				parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
				responses: {
					'200': { description: 'The document', content: { 'application/pdf': {}, 'image/*': {} } },
					'404': { description: 'No such document' }
				}
			}
		}
	},
	schemas: {
		CoalitionSource: {
			type: 'object',
			required: ['key', 'title'],
			properties: { key: { type: 'string' }, title: { type: 'string' }, url: { type: ['string', 'null'] } }
		},
		Adoption: {
			type: 'object',
			required: ['adopted', 'total'],
			properties: { adopted: { type: 'integer' }, total: { type: 'integer' } }
		},
		ReportedFigure: {
			type: 'object',
			required: ['source'],
			properties: {
				members: { type: ['integer', 'null'], description: 'Member organizations, as reported' },
				womenRepresented: { type: ['integer', 'null'] },
				date: { type: ['string', 'null'] },
				note: { type: ['string', 'null'] },
				source: { type: 'string', description: 'Key of a CoalitionSource' },
				sourceTitle: { type: 'string' },
				sourceUrl: { type: ['string', 'null'] }
			}
		},
		Coalition: {
			type: 'object',
			required: ['slug', 'country', 'name', 'reported', 'registeredMembers', 'adoption'],
			properties: {
				slug: { type: 'string', example: 'kg' },
				country: { type: 'string', example: 'KG' },
				name: { type: 'string' },
				fallbackLocale: { type: ['string', 'null'] },
				reported: { type: 'array', items: ref('ReportedFigure') },
				registeredMembers: { type: 'integer', description: 'Member organizations registered in Birge' },
				adoption: ref('Adoption'),
				url: { type: 'string', description: 'The public accountability page' }
			}
		},
		Instrument: {
			type: 'object',
			required: ['type'],
			properties: {
				type: { type: 'string', enum: [...INSTRUMENT_TYPES] },
				name: { type: ['string', 'null'] },
				number: { type: ['string', 'null'] },
				date: { type: ['string', 'null'] },
				clause: { type: ['string', 'null'] },
				body: { type: ['string', 'null'] }
			}
		},
		Evidence: {
			type: 'object',
			required: ['kind', 'title'],
			properties: {
				kind: { type: 'string', enum: ['url', 'file', 'source'] },
				url: { type: ['string', 'null'] },
				title: { type: 'string' },
				sourceKey: { type: ['string', 'null'] }
			}
		},
		TimelineEntry: {
			type: 'object',
			required: ['id', 'status', 'recordedAt'],
			properties: {
				id: { type: 'string' },
				date: {
					type: ['string', 'null'],
					description: 'YYYY, YYYY-MM or YYYY-MM-DD; null when the source gives none'
				},
				status: { type: 'string', enum: [...STATUSES] },
				reportedStatus: { type: ['string', 'null'], description: "The source's own status word" },
				progress: { type: ['integer', 'null'] },
				aggregate: { oneOf: [ref('Adoption'), { type: 'null' }] },
				note: { type: 'string' },
				evidence: {
					type: 'array',
					items: ref('Evidence'),
					description: 'Document, link and/or source backing this entry'
				},
				instrument: { oneOf: [ref('Instrument'), { type: 'null' }] },
				correctsId: {
					type: ['string', 'null'],
					description: 'The entry this one corrects (entries are never changed)'
				},
				recordedAt: { type: 'string', format: 'date-time' }
			}
		},
		CoalitionItem: {
			type: 'object',
			required: ['id', 'kind', 'barrier', 'title', 'status', 'timeline', 'demo'],
			properties: {
				id: { type: 'string' },
				kind: { type: 'string', enum: [...ITEM_KINDS] },
				barrier: { type: 'string', enum: [...BARRIERS] },
				title: { type: 'string' },
				text: { type: 'string' },
				targetBody: { type: ['string', 'null'] },
				status: { type: 'string', enum: [...STATUSES] },
				progress: { type: ['integer', 'null'] },
				aggregate: { oneOf: [ref('Adoption'), { type: 'null' }] },
				endorsements: { type: 'integer' },
				demo: { type: 'boolean', description: 'Demo content, not real' },
				timeline: { type: 'array', items: ref('TimelineEntry') }
			}
		}
	}
};
