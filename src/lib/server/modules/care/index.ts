import type { ModuleDefinition } from '../../core/registry';
import { careIndicators } from './indicators';
import { careDueForReview } from './review';
import * as service from './service';
import { careSeed } from './seed';
import { CARE_KINDS, CARE_METHODS } from './schema';
export { CARE_KINDS, CARE_METHODS, type CareKind, type CareMethod, type CareSource } from './schema';
export type { ServiceView, CountryHelp, QueueItem, Phone } from './service';
export type { RightsFact } from './rights';
export { STALE_AFTER_MONTHS } from './service';

/** Safe help: a discreet, verified directory of help (pages under the neutral path /care). */
export const care = service;

const text = {
	type: ['object', 'null'],
	properties: { text: { type: 'string' }, locale: { type: 'string' }, fallback: { type: 'boolean' } }
};

export const careModule: ModuleDefinition = {
	name: 'care',
	home: { title: 'home_module_care_title', summary: 'home_module_care_summary', path: '/care' },
	seeds: [careSeed],
	indicators: careIndicators,
	dueForReview: careDueForReview,
	jobs: [
		{
			name: 'care.stale',
			everySeconds: 6 * 60 * 60,
			run: (ctx) => service.recordStaleEntries(ctx).then(() => {})
		}
	],
	openapi: {
		paths: {
			'/care/services': {
				get: {
					summary: 'Published help services',
					description:
						'Only published entries, each with a recorded confirmation (date and method). Entries not confirmed for six months are still listed with `stale: true`. Answers with `Cache-Control: no-store` and `Referrer-Policy: no-referrer`, sets no cookie and reads no session; the server keeps no query string or IP for this path.',
					parameters: [
						{ name: 'country', in: 'query', schema: { type: 'string', enum: ['KG', 'KZ', 'TJ', 'UZ'] } },
						{
							name: 'region',
							in: 'query',
							description:
								'ISO 3166-2 first-level code (e.g. KG-Y); services for the whole country are included.',
							schema: { type: 'string', pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' }
						},
						{ name: 'kind', in: 'query', schema: { type: 'string', enum: [...CARE_KINDS] } },
						{
							name: 'lang',
							in: 'query',
							schema: { type: 'string', enum: ['ky', 'kk', 'tg', 'uz', 'ru', 'en'] }
						}
					],
					responses: {
						'200': {
							description: 'Published services, emergency and police first.',
							content: {
								'application/json': {
									schema: {
										type: 'object',
										required: ['services'],
										properties: {
											services: { type: 'array', items: { $ref: '#/components/schemas/CareService' } }
										}
									}
								}
							}
						},
						'400': {
							description: 'Invalid filter',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
						}
					}
				}
			}
		},
		schemas: {
			CareService: {
				type: 'object',
				required: [
					'id',
					'country',
					'kind',
					'name',
					'phones',
					'sources',
					'confidence',
					'lastConfirmed',
					'stale'
				],
				properties: {
					id: { type: 'string' },
					country: { type: 'string' },
					kind: { type: 'string', enum: [...CARE_KINDS] },
					name: text,
					phones: {
						type: 'array',
						items: {
							type: 'object',
							properties: {
								display: { type: 'string', description: 'Exactly as the operator or source writes it.' },
								tel: { type: ['string', 'null'], description: 'tel: address when dialable as one number.' }
							}
						}
					},
					hours: text,
					cost: text,
					languages: { type: ['array', 'null'], items: { type: 'string' } },
					regions: {
						type: ['array', 'null'],
						items: { type: 'string' },
						description: 'ISO 3166-2 codes served; null = the whole country.'
					},
					operator: text,
					address: { ...text, description: 'Only where the operator publishes it.' },
					sources: {
						type: 'array',
						items: {
							type: 'object',
							properties: {
								url: { type: ['string', 'null'] },
								note: { type: ['string', 'null'] },
								date: {
									type: ['string', 'null'],
									description: 'As precise as the source: YYYY, YYYY-MM or YYYY-MM-DD.'
								}
							}
						}
					},
					confidence: { type: 'string', enum: ['A', 'B'] },
					lastConfirmed: {
						type: 'object',
						properties: {
							on: { type: 'string', format: 'date' },
							asGiven: {
								type: 'string',
								description:
									'As precise as the confirmation: a seed entry dated by a source that only gives a year says `2025`.'
							},
							method: { type: 'string', enum: [...CARE_METHODS] },
							by: { type: 'string', enum: ['source', 'editor'] }
						}
					},
					stale: { type: 'boolean', description: 'Not confirmed for six months: may have changed.' }
				}
			}
		}
	}
};
