import { z } from 'zod';
import { MODULES } from '#lib/server/modules';
import type { ModuleDefinition } from '#lib/server/core';

/**
 * /api/v1/openapi.json, assembled from what each module documents of its own endpoints
 * (ModuleDefinition.openapi: `{ paths, schemas }`).
 *
 * A module may write plain JSON Schema, or put zod schemas where schemas go, and its endpoints are then
 * documented from the very schemas that parse their input and type their answers:
 * - `schema: someZodSchema` anywhere in an operation (request body, response, parameter): converted
 *   with zod's `z.toJSONSchema` (inputs as they are accepted, responses as they are produced);
 * - `query: someZodObject` on an operation: one query parameter per property (required when the object
 *   requires it), its description from the property's `.meta({ description })`; listed before the
 *   operation's own `parameters`;
 * - a zod schema with `.meta({ id: 'Name' })`: a named component (`#/components/schemas/Name`),
 *   referenced wherever it is used;
 * - zod schemas in `schemas` become components under their key.
 * Prose (summaries, descriptions) stays hand-written beside them, or in `.meta({ description })`.
 */

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

const errorSchema = {
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
};

const isZod = (v: unknown): v is z.ZodType => v instanceof z.ZodType;
type Json = Record<string, unknown>;

/** The bounds z.number().int() adds on its own: noise in a document. */
const SAFE = Number.MAX_SAFE_INTEGER;

/** Turns zod schemas into JSON Schema, hoisting named ones into `components` (shared by one document). */
class Converter {
	readonly components: Record<string, unknown> = {};

	schema(s: z.ZodType, io: 'input' | 'output'): Json {
		const json = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
		const defs = (json.$defs ?? {}) as Record<string, Json>;
		delete json.$defs;
		delete json.$schema;
		for (const [id, def] of Object.entries(defs)) this.components[id] = this.tidy(def);
		return this.tidy(json);
	}

	/** `#/$defs/X` → `#/components/schemas/X`; drops the safe-integer bounds. */
	private tidy(json: Json): Json {
		return JSON.parse(JSON.stringify(json), (key, value: unknown) => {
			if (key === '$ref' && typeof value === 'string')
				return value.replace(/^#\/\$defs\//, '#/components/schemas/');
			if (value && typeof value === 'object' && !Array.isArray(value)) {
				const o = value as Json;
				if (o.minimum === -SAFE) delete o.minimum;
				if (o.maximum === SAFE) delete o.maximum;
			}
			return value;
		}) as Json;
	}

	/** Query parameters from a zod object (as it accepts input). */
	parameters(query: z.ZodType): Json[] {
		const json = this.schema(query, 'input');
		const properties = (json.properties ?? {}) as Record<string, Json>;
		const required = new Set((json.required ?? []) as string[]);
		return Object.entries(properties).map(([name, schema]) => {
			const { description, ...rest } = schema;
			return {
				name,
				in: 'query',
				...(required.has(name) ? { required: true } : {}),
				schema: rest,
				...(typeof description === 'string' ? { description } : {})
			};
		});
	}

	/** Every `schema` holding a zod schema, anywhere below `value`, converted. */
	walk(value: unknown, io: 'input' | 'output'): unknown {
		if (isZod(value)) return this.schema(value, io);
		if (Array.isArray(value)) return value.map((v) => this.walk(v, io));
		if (value && typeof value === 'object') {
			const out: Json = {};
			for (const [k, v] of Object.entries(value)) out[k] = this.walk(v, k === 'responses' ? 'output' : io);
			return out;
		}
		return value;
	}

	operation(op: Json): Json {
		const { query, ...rest } = op;
		const converted = this.walk(rest, 'input') as Json;
		if (isZod(query))
			converted.parameters = [...this.parameters(query), ...((converted.parameters as Json[]) ?? [])];
		return converted;
	}
}

/** The paths and components of modules' OpenAPI parts, zod schemas converted. */
export function openApiParts(parts: readonly NonNullable<ModuleDefinition['openapi']>[]) {
	const converter = new Converter();
	const paths: Record<string, Json> = {};
	const schemas: Record<string, unknown> = {};
	for (const part of parts) {
		for (const [path, item] of Object.entries(part.paths)) {
			const out: Json = {};
			for (const [key, value] of Object.entries(item))
				out[key] =
					(METHODS as readonly string[]).includes(key) && value && typeof value === 'object'
						? converter.operation(value as Json)
						: converter.walk(value, 'input');
			paths[path] = out;
		}
		for (const [name, schema] of Object.entries(part.schemas ?? {}))
			schemas[name] = isZod(schema) ? converter.schema(schema, 'output') : schema;
	}
	return { paths, schemas: { ...converter.components, ...schemas } };
}

const documentPart: NonNullable<ModuleDefinition['openapi']> = {
	paths: {
		'/openapi.json': {
			get: {
				summary: 'This document',
				tags: ['api'],
				responses: { '200': { description: 'The OpenAPI 3.1 description of the public API' } }
			}
		}
	}
};

export function openApiDocument(origin: string) {
	const parts = [documentPart, ...MODULES.flatMap((m) => (m.openapi ? [m.openapi] : []))];
	const { paths, schemas } = openApiParts(parts);
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
		components: { schemas: { Error: errorSchema, ...schemas } as Record<string, unknown> }
	};
}
