import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApiDocument, openApiParts } from './openapi';

const API_ROOT = path.resolve('src/routes/api/v1');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every +server.ts under src/routes/api/v1, as an OpenAPI path and the methods it exports. */
function apiRoutes(): { path: string; methods: string[] }[] {
	const out: { path: string; methods: string[] }[] = [];
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name === '+server.ts' || entry.name === '+server.js') {
				const rel = path.relative(API_ROOT, dir).split(path.sep).filter(Boolean);
				const route =
					'/' +
					rel
						.filter((seg) => !/^\(.*\)$/.test(seg)) // (groups) are not in the URL
						.map((seg) => seg.replace(/^\[\.{0,3}([^\]=]+)(=[^\]]+)?\]$/, '{$1}'))
						.join('/');
				const source = fs.readFileSync(full, 'utf8');
				const methods = METHODS.filter((m) =>
					new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(source)
				).map((m) => m.toLowerCase());
				out.push({ path: route, methods });
			}
		}
	};
	walk(API_ROOT);
	return out;
}

describe('/api/v1/openapi.json', () => {
	const doc = openApiDocument('http://localhost');

	it('documents every endpoint under src/routes/api/v1, each method it exports', () => {
		const routes = apiRoutes();
		expect(routes.length).toBeGreaterThan(5);
		const missing = routes.flatMap((r) =>
			r.methods
				.filter((m) => !(doc.paths[r.path] as Record<string, unknown> | undefined)?.[m])
				.map((m) => `${m.toUpperCase()} ${r.path}`)
		);
		expect(missing).toEqual([]);
		// And documents nothing that is not there.
		const served = new Set(routes.map((r) => r.path));
		expect(Object.keys(doc.paths).filter((p) => !served.has(p))).toEqual([]);
	});

	it('resolves every reference to a component', () => {
		const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
			(m) => m[1]
		);
		expect(refs.length).toBeGreaterThan(0);
		expect(refs.filter((r) => !(r in doc.components.schemas))).toEqual([]);
		expect(JSON.stringify(doc)).not.toContain('#/$defs/');
	});

	it('documents programs from its zod schemas, keeping the prose', () => {
		const list = doc.paths['/programs'].get as {
			summary: string;
			parameters: { name: string; description?: string; schema: Record<string, unknown> }[];
		};
		expect(list.summary).toBe('Search published support programs');
		const q = list.parameters.find((p) => p.name === 'q');
		expect(q?.description).toMatch(/six languages/);
		expect(q?.schema).toEqual({ type: 'string', maxLength: 200 });
		expect(list.parameters.map((p) => p.name)).toEqual([
			'q',
			'country',
			'region',
			'kind',
			'women',
			'open',
			'sort',
			'page',
			'pageSize',
			'lang'
		]);
		const program = doc.components.schemas.Program as {
			properties: Record<string, unknown>;
			required: string[];
		};
		expect(program.required).toEqual(
			expect.arrayContaining(['slug', 'title', 'criteria', 'howToApply', 'url'])
		);
		expect(doc.components.schemas).toHaveProperty('BusinessProfile');
		expect(doc.components.schemas).toHaveProperty('ProgramSummary');
	});
});

describe('openApiParts', () => {
	it('passes plain JSON Schema parts through unchanged', () => {
		const plain = {
			paths: {
				'/things': {
					get: { summary: 'Things', parameters: [{ name: 'x', in: 'query', schema: { type: 'string' } }] }
				}
			},
			schemas: { Thing: { type: 'object', properties: { a: { type: 'string' } } } }
		};
		const { paths, schemas } = openApiParts([plain]);
		expect(paths).toEqual(plain.paths);
		expect(schemas).toEqual(plain.schemas);
	});

	it('converts zod: query objects to parameters, named schemas to components, inputs as accepted', () => {
		const item = z.object({ n: z.number().int(), note: z.string().nullable() }).meta({ id: 'Item' });
		const query = z.object({
			q: z
				.preprocess((v) => (v === '' ? undefined : v), z.string().max(5).optional())
				.meta({ description: 'Words' }),
			page: z.coerce.number().int().min(1)
		});
		const { paths, schemas } = openApiParts([
			{
				paths: {
					'/items': {
						get: {
							summary: 'Items',
							query,
							parameters: [{ name: 'lang', in: 'query', schema: { type: 'string' } }],
							responses: {
								'200': { description: 'ok', content: { 'application/json': { schema: z.array(item) } } }
							}
						}
					}
				}
			}
		]);
		const get = paths['/items'].get as Record<string, unknown>;
		expect(get.query).toBeUndefined();
		expect(get.parameters).toEqual([
			{ name: 'q', in: 'query', schema: { type: 'string', maxLength: 5 }, description: 'Words' },
			{ name: 'page', in: 'query', required: true, schema: { type: 'integer', minimum: 1 } },
			{ name: 'lang', in: 'query', schema: { type: 'string' } }
		]);
		expect(JSON.stringify(get.responses)).toContain('"$ref":"#/components/schemas/Item"');
		expect(schemas.Item).toEqual({
			type: 'object',
			properties: { n: { type: 'integer' }, note: { type: ['string', 'null'] } },
			required: ['n', 'note'],
			additionalProperties: false
		});
	});
});
