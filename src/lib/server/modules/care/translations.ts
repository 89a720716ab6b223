import { translationSeed, type DraftFile, type TranslatableEntity } from '../../core';
import { careService } from './schema';
import drafts from '../../../../../seed/translations/care-services.json';

/** The help directory's per-locale texts (issue 18: drafts, provenance, the translation workspace). */
export const careServiceTexts: TranslatableEntity = {
	module: 'care',
	entity: 'care.service',
	table: careService,
	id: careService.id,
	country: careService.country,
	fields: {
		name: careService.name,
		hours: careService.hours,
		cost: careService.cost,
		operator: careService.operator,
		address: careService.address,
		audience: careService.audience,
		offers: careService.offers,
		note: careService.note
	},
	label: 'name',
	path: '/{locale}/care-review/{key}'
};

/** seed/care-services.json's field names where the table's differ. */
const FIELD: Record<string, string> = { services: 'offers' };

export const careTranslationsSeed = translationSeed({
	name: 'care.translations',
	version: '1',
	entities: [careServiceTexts],
	drafts: [
		{
			entity: careServiceTexts,
			file: drafts as unknown as DraftFile,
			target: (key, path) => ({ key, field: FIELD[path] ?? path })
		}
	]
});
