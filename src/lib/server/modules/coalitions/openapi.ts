import { z } from 'zod';
import { API_SCHEMAS } from './views';
import type { ModuleDefinition } from '../../core/registry';

/**
 * JSON Schemas of zod schemas, as OpenAPI components: one registry, so a schema used inside another
 * becomes a `$ref` to its component; `$id` and `$schema` are left out (the document names them).
 */
export function componentSchemas(schemas: Record<string, z.ZodType>): Record<string, unknown> {
	const registry = z.registry<{ id: string }>();
	for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
	const { schemas: out } = z.toJSONSchema(registry, {
		uri: (id) => `#/components/schemas/${id}`,
		io: 'output',
		unrepresentable: 'throw'
	});
	return Object.fromEntries(
		Object.entries(out).map(([id, schema]) => [
			id,
			Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$id' && key !== '$schema'))
		])
	);
}

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
								schema: ref('Coalitions')
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
								schema: ref('CoalitionRecommendations')
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
	schemas: componentSchemas(API_SCHEMAS)
};
