import { translationSeed, type DraftFile, type I18nText, type TranslatableEntity } from '../../core';
import { indicator, result } from './schema';
import { FRAMEWORK } from './seed';

/**
 * Impact's seeded per-locale texts in core's translation workspace (issue 18): the results
 * framework's titles and its indicators' titles and definitions (machine drafts, marked by the seed).
 */
export const resultTexts: TranslatableEntity = {
	module: 'impact',
	entity: 'impact.result',
	table: result,
	id: result.id,
	fields: { title: result.title },
	label: 'title'
};

export const indicatorTexts: TranslatableEntity = {
	module: 'impact',
	entity: 'impact.indicator',
	table: indicator,
	id: indicator.id,
	fields: { title: indicator.title, definition: indicator.definition },
	label: 'title'
};

/** The seed's English text is the source; its other languages are machine drafts. */
function draftOf(text: I18nText) {
	const status = Object.fromEntries(
		Object.keys(text).map((l) => [l, l === 'en' ? 'source' : 'machine-draft'])
	);
	return { ...text, source: text.en ?? '', sourceLocale: 'en', status };
}

/** The framework's texts as drafts, keyed by record id and field. */
function frameworkDrafts(): DraftFile {
	const entries: DraftFile['entries'] = {};
	for (const r of FRAMEWORK) {
		entries[r.id] = { title: draftOf(r.title) };
		for (const i of r.indicators)
			entries[i.id] = { title: draftOf(i.title), definition: draftOf(i.definition) };
	}
	return { entries };
}

/**
 * Marks the seeded framework's translations as machine drafts through core's drafts seed (a text a
 * person changed since is kept, and recorded as hers).
 */
export const impactTranslationsSeed = translationSeed({
	name: 'impact.translations',
	version: '1',
	entities: [resultTexts, indicatorTexts],
	drafts: [
		{
			entity: resultTexts,
			file: frameworkDrafts(),
			target: (key, path) => (key.startsWith('result-') ? { key, field: path } : null)
		},
		{
			entity: indicatorTexts,
			file: frameworkDrafts(),
			target: (key, path) => (key.startsWith('indicator-') ? { key, field: path } : null)
		}
	]
});
