import { MODULES } from '#lib/server/modules';

/** /api/v1/openapi.json: assembled from what each module documents of its own endpoints. */
export function openApiDocument(origin: string) {
	const paths: Record<string, unknown> = {};
	const schemas: Record<string, unknown> = {
		Error: {
			type: 'object',
			required: ['error'],
			properties: {
				error: {
					type: 'object',
					required: ['code', 'message'],
					properties: {
						code: {
							type: 'string',
							enum: ['NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED', 'INVALID', 'CONFLICT', 'RATE_LIMITED']
						},
						message: { type: 'string', description: 'In the requested language (lang).' },
						fields: {
							type: 'object',
							additionalProperties: { type: 'string' },
							description: 'One message per invalid field.'
						}
					}
				}
			}
		}
	};
	for (const mod of MODULES) {
		Object.assign(paths, mod.openapi?.paths ?? {});
		Object.assign(schemas, mod.openapi?.schemas ?? {});
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Birge API',
			version: '1',
			description:
				'Public API of Birge. Every text field comes in the language asked for with `lang` (ky, kk, tg, uz, ru, en).'
		},
		servers: [{ url: `${origin}/api/v1` }],
		paths,
		components: { schemas }
	};
}
