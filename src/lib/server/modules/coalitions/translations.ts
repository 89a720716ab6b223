import { translationSeed, type DraftFile, type TranslatableEntity } from '../../core';
import { agenda, coalition, recommendation } from './schema';
import { seededItemId } from './seed';
import drafts from '../../../../../seed/translations/coalitions.json';
import demoDrafts from '../../../../../seed/translations/coalitions-demo.json';

/**
 * Coalitions' per-locale texts (issue 18): names, items' titles and texts, agendas' titles. Timeline
 * notes are append-only history and are not rewritten; source titles, figures' notes and leadership
 * are plain published text.
 */
export const coalitionTexts: TranslatableEntity = {
	module: 'coalitions',
	entity: 'coalitions.coalition',
	table: coalition,
	id: coalition.id,
	key: coalition.slug,
	country: coalition.country,
	fields: { name: coalition.name, profile: coalition.profile },
	label: 'name',
	path: '/{locale}/coalitions/{key}'
};

export const recommendationTexts: TranslatableEntity = {
	module: 'coalitions',
	entity: 'coalitions.recommendation',
	table: recommendation,
	id: recommendation.id,
	fields: { title: recommendation.title, text: recommendation.text },
	label: 'title',
	curator: recommendation.createdBy
};

export const agendaTexts: TranslatableEntity = {
	module: 'coalitions',
	entity: 'coalitions.agenda',
	table: agenda,
	id: agenda.id,
	fields: { title: agenda.title },
	label: 'title',
	curator: agenda.createdBy
};

const COALITIONS = new Set(['kg', 'kz', 'tj', 'uz']);

export const coalitionsTranslationsSeed = translationSeed({
	name: 'coalitions.translations',
	version: '2',
	entities: [coalitionTexts, recommendationTexts, agendaTexts],
	drafts: [
		{
			entity: coalitionTexts,
			file: drafts as unknown as DraftFile,
			target: (key, path) => (COALITIONS.has(key) && path === 'name' ? { key, field: 'name' } : null)
		},
		{
			entity: recommendationTexts,
			file: drafts as unknown as DraftFile,
			target: (key, path) => {
				const m = COALITIONS.has(key) ? path.match(/^outcomes\.(\d+)\.title$/) : null;
				return m ? { key: seededItemId(key, Number(m[1])), field: 'title' } : null;
			}
		}
	]
});

/** The demo agenda's drafts (demo data only). */
export const coalitionsDemoTranslationsSeed = translationSeed({
	name: 'coalitions.demo-translations',
	version: '1',
	kind: 'demo',
	entities: [],
	drafts: [
		{
			entity: agendaTexts,
			file: demoDrafts as unknown as DraftFile,
			target: (_key, path) => (path === 'agenda.title' ? { key: 'demo-agenda-kg', field: 'title' } : null)
		},
		{
			entity: recommendationTexts,
			file: demoDrafts as unknown as DraftFile,
			target: (_key, path) => {
				const m = path.match(/^items\.(\d+)\.title$/);
				return m ? { key: `demo-kg-rec-${Number(m[1]) + 1}`, field: 'title' } : null;
			}
		}
	]
});
