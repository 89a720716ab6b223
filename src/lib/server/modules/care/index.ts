import type { ModuleDefinition } from '../../core/registry';
import { countryHelp, findServices, regionsOf } from './directory';
import { confirmService, recordStaleEntries, reviewEntry, reviewQueue, withdrawService } from './review';
import { reviewableCountries } from './access';
import { isoDay, isStale, phoneLink, STALE_AFTER_MONTHS, staleFrom } from './views';
import { careIndicators } from './indicators';
import { careDueForReview } from './due-for-review';
import { careSeed } from './seed';
import { openapi } from './openapi';
import { careServiceTexts, careTranslationsSeed } from './translations';
import { hsdsDirectory } from './hsds';
export { CARE_KINDS, CARE_METHODS, type CareKind, type CareMethod, type CareSource } from './schema';
export type { ServiceView, CountryHelp, QueueItem, Phone, CareServicesApi } from './views';
export type { RightsFact } from './rights';
/** Zod schemas of the API's answers (the OpenAPI components), for callers and tests that check them. */
export { API_SCHEMAS as CARE_API_SCHEMAS } from './views';
export { STALE_AFTER_MONTHS };

/**
 * Safe help (module `care`): a discreet, verified directory of help, pages under the neutral path
 * /care. The public API of the module: each function takes the service context first and checks
 * access itself (the directory is public and published-only; review needs a care editor).
 */
export const care = {
	// the HSDS 3.0 export (published entries only)
	hsdsDirectory,
	// the public directory (published entries only)
	findServices,
	countryHelp,
	regionsOf,
	// review by care editors of the entry's country
	reviewableCountries,
	reviewQueue,
	reviewEntry,
	confirmService,
	withdrawService,
	// the staleness job
	recordStaleEntries,
	// pure helpers the pages share
	isoDay,
	staleFrom,
	isStale,
	phoneLink,
	STALE_AFTER_MONTHS
} as const;

export const careModule: ModuleDefinition = {
	name: 'care',
	home: { title: 'home_module_care_title', summary: 'home_module_care_summary', path: '/care' },
	seeds: [careSeed, careTranslationsSeed],
	translatable: [careServiceTexts],
	indicators: careIndicators,
	dueForReview: careDueForReview,
	jobs: [
		{
			name: 'care.stale',
			everySeconds: 6 * 60 * 60,
			run: (ctx) => recordStaleEntries(ctx).then(() => {})
		}
	],
	openapi
};
