import type { ModuleDefinition } from '../../core/registry';
import { catalogInput, requestInput } from './inputs';
import { productPageView, productView, requestCreatedView, shopListView, shopView } from './api-views';

/**
 * The shops module's part of /api/v1/openapi.json: the zod schemas that parse the input (inputs.ts)
 * and type the answers (api-views.ts).
 */

const lang = {
	name: 'lang',
	in: 'query',
	schema: { type: 'string', enum: ['ky', 'kk', 'tg', 'uz', 'ru', 'en'] },
	description: 'Language of every text in the answer (falls back ky/kk/tg/uz→ru→en).'
};
const error = (description: string) => ({
	description,
	content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
});
const json = (schema: unknown) => ({ 'application/json': { schema } });
const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

export const shopsOpenApi: NonNullable<ModuleDefinition['openapi']> = {
	paths: {
		'/shops': {
			get: {
				summary: 'Shops (not taken down), by slug',
				tags: ['shops'],
				parameters: [
					{ name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
					{ name: 'country', in: 'query', schema: { type: 'string', enum: ['KG', 'KZ', 'TJ', 'UZ'] } },
					lang
				],
				responses: { '200': { description: 'A page of shops', content: json(shopListView) } }
			}
		},
		'/shops/{shop}': {
			get: {
				summary: 'One shop: its story and listed products',
				tags: ['shops'],
				parameters: [path('shop'), lang],
				responses: {
					'200': { description: 'The shop', content: json(shopView) },
					'404': error('No such shop')
				}
			}
		},
		'/products': {
			get: {
				summary: 'Search listed products across shops',
				description:
					'Typos, letters typed without their marks and both Uzbek scripts are found. Prices are integer minor units of the shop currency; Birge never converts currencies. priceMin/priceMax are whole units.',
				tags: ['shops'],
				query: catalogInput,
				parameters: [lang],
				responses: {
					'200': { description: 'A page of products', content: json(productPageView) },
					'400': error('Bad input: one message per field')
				}
			}
		},
		'/shops/{shop}/products/{product}': {
			get: {
				summary: 'One listed product',
				tags: ['shops'],
				parameters: [path('shop'), path('product'), lang],
				responses: {
					'200': { description: 'The product', content: json(productView) },
					'404': error('No such listed product')
				}
			}
		},
		'/shops/{shop}/requests': {
			post: {
				summary: 'Send an order request for a product (no payment)',
				description:
					"The maker is notified and answers; the answer carries the buyer's private link. Send an Idempotency-Key header: the same key makes one request. Rate-limited per client.",
				tags: ['shops'],
				parameters: [
					path('shop'),
					lang,
					{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }
				],
				requestBody: {
					required: true,
					content: json({
						allOf: [
							{ $ref: '#/components/schemas/ShopRequestInput' },
							{ type: 'object', required: ['product'], properties: { product: { type: 'string' } } }
						]
					})
				},
				responses: {
					'201': { description: 'Sent', content: json(requestCreatedView) },
					'400': error('Bad input: one message per field'),
					'404': error('No such listed product'),
					'429': error('Too many requests from this client')
				}
			}
		}
	},
	schemas: { ShopRequestInput: requestInput }
};
