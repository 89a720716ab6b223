import type { ModuleDefinition } from '../../core/registry';
import { profileInput, searchInput } from './inputs';
import { matchView, programPageView, programView } from './views';

/**
 * The programs module's part of /api/v1/openapi.json. The schemas are the zod schemas that parse the
 * endpoints' input (inputs.ts) and type their answers (views.ts); web/openapi.ts converts them. The
 * prose is written here.
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

const businessProfile = profileInput.meta({
	id: 'BusinessProfile',
	description: 'Every field optional; a missing one is an unknown fact.'
});

export const programsOpenApi: NonNullable<ModuleDefinition['openapi']> = {
	paths: {
		'/programs': {
			get: {
				summary: 'Search published support programs',
				tags: ['programs'],
				query: searchInput,
				parameters: [lang],
				responses: {
					'200': { description: 'A page of programs', content: json(programPageView) },
					'400': error('Bad input: one message per field')
				}
			}
		},
		'/programs/{slug}': {
			get: {
				summary: 'One published program',
				tags: ['programs'],
				parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }, lang],
				responses: {
					'200': { description: 'The program', content: json(programView) },
					'404': error('No such published program')
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
				requestBody: { required: true, content: json(businessProfile) },
				responses: {
					'200': {
						description: 'Programs with a result and a reason per criterion',
						content: json(matchView)
					},
					'400': error('Bad input: one message per field')
				}
			}
		}
	}
};
