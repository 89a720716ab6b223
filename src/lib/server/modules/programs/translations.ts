import { translationSeed, type DraftFile, type TranslatableEntity } from '../../core';
import { program } from './schema';
import { updateProgramRow } from './queries';
import { indexWords, searchColumns } from './search';
import drafts from '../../../../../seed/translations/programs.json';

/**
 * Programs' per-locale texts (issue 18). The operator and the sources' publishers are names kept as
 * published (plain text); criteria notes live inside the criteria and are not per-locale yet.
 */
export const programTexts: TranslatableEntity = {
	module: 'programs',
	entity: 'programs.program',
	table: program,
	id: program.id,
	key: program.slug,
	country: program.country,
	fields: {
		title: program.title,
		summary: program.summary,
		body: program.body,
		eligibilityText: program.eligibilityText,
		uptake: program.uptake
	},
	label: 'title',
	curator: program.createdBy,
	path: '/{locale}/programs/{key}',
	// A translated title or text is searchable at once: the folded search columns and the word table
	// follow every write of the texts (the relevance suite's Kyrgyz, Kazakh and Tajik queries).
	async afterWrite(ctx, row) {
		const p = row as Parameters<typeof searchColumns>[0] & { id: string; publication: string };
		const cols = searchColumns(p);
		await updateProgramRow(ctx, p.id, cols);
		if (p.publication === 'published') await indexWords(ctx, cols);
	}
};

export const programsTranslationsSeed = translationSeed({
	name: 'programs.translations',
	version: '2',
	entities: [programTexts],
	drafts: [
		{
			entity: programTexts,
			file: drafts as unknown as DraftFile,
			target: (key, path) => ({ key, field: path })
		}
	]
});
