import { z } from 'zod';
import { CARE_KINDS } from './schema';
import { API_SCHEMAS } from './views';
import type { ModuleDefinition } from '../../core/registry';
import { COUNTRIES } from '#lib/i18n/format';
import { LOCALES } from '#lib/i18n/locales';

/**
 * JSON Schemas of zod schemas, as OpenAPI components: one registry, so a schema used inside another
 * becomes a `$ref` to its component; `$id` and `$schema` are left out (the document names them).
 */
function componentSchemas(schemas: Record<string, z.ZodType>): Record<string, unknown> {
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

/** The care module's part of /api/v1/openapi.json. */
export const openapi: NonNullable<ModuleDefinition['openapi']> = {
	paths: {
		'/care/services': {
			get: {
				summary: 'Published help services',
				description:
					'Only published entries, each with a recorded confirmation (date and method). Entries not confirmed for six months are still listed with `stale: true`. Answers with `Cache-Control: no-store` and `Referrer-Policy: no-referrer`, sets no cookie and reads no session; the server keeps no query string or IP for this path.',
				parameters: [
					{ name: 'country', in: 'query', schema: { type: 'string', enum: [...COUNTRIES] } },
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
						schema: { type: 'string', enum: [...LOCALES] }
					}
				],
				responses: {
					'200': {
						description: 'Published services, emergency and police first.',
						content: {
							'application/json': {
								schema: { $ref: '#/components/schemas/CareServices' }
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
	schemas: componentSchemas(API_SCHEMAS)
};
