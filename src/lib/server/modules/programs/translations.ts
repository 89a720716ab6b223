import { translationSeed, type DraftFile, type I18nText, type TranslatableEntity } from '../../core';
import { program } from './schema';
import { updateProgramRow } from './queries';
import { indexWords, searchColumns } from './search';
import drafts from '../../../../../seed/translations/programs.json';

/**
 * Programs' per-locale texts (issue 18): the per-locale columns, and the plain and nested fields whose
 * translations live in core's field texts: the operator, each criterion's note, each source's note and
 * each deadline's note (the record keeps them as published). Sources' publishers are names kept as
 * published.
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
	plain: (row) => plainTextsOf(row as Partial<ProgramRow>),
	plainLocale: (row) => (row.title as I18nText | undefined)?.$src ?? 'en',
	// A translated title or text is searchable at once: the folded search columns and the word table
	// follow every write of the texts (the relevance suite's Kyrgyz, Kazakh and Tajik queries).
	async afterWrite(ctx, row) {
		const p = row as Parameters<typeof searchColumns>[0] & { id: string; publication: string };
		const cols = searchColumns(p);
		await updateProgramRow(ctx, p.id, cols);
		if (p.publication === 'published') await indexWords(ctx, cols);
	}
};

type ProgramRow = typeof program.$inferSelect;

/** A program's plain and nested texts by path (`operator`, `criteria.2.note`, `sources.0.note`). */
export function plainTextsOf(row: Partial<ProgramRow>): Record<string, string | null | undefined> {
	const out: Record<string, string | null | undefined> = { operator: row.operator };
	for (const [i, c] of (row.criteria ?? []).entries()) out[`criteria.${i}.note`] = c.note;
	for (const [i, s] of (row.sources ?? []).entries()) out[`sources.${i}.note`] = s.note;
	for (const [i, d] of (row.deadlines?.dates ?? []).entries()) out[`deadlines.${i}.note`] = d.note;
	return out;
}

/** The seed's paths → the record's (its `eligibility` is the criteria, in the same order). */
function draftPath(path: string): string {
	return path === 'note' ? 'body' : path.replace(/^eligibility\./, 'criteria.');
}

export const programsTranslationsSeed = translationSeed({
	name: 'programs.translations',
	version: '3',
	entities: [programTexts],
	drafts: [
		{
			entity: programTexts,
			file: drafts as unknown as DraftFile,
			target: (key, path) => ({ key, field: draftPath(path) })
		}
	]
});
