export type { TranslatableEntity, DraftEntry, DraftFile, DraftTarget } from './registry';
export {
	mergeDraft,
	backfillText,
	backfillProvenance,
	applyDrafts,
	translationSeed,
	propertyOf
} from './drafts';
export { translationEvent } from './schema';
export {
	translationQueue,
	translationsDueForReview,
	translationField,
	reviewTranslation,
	translatorLocales,
	canTranslate,
	fieldState,
	entitiesOf,
	type QueueItem,
	type FieldState
} from './workspace';
export {
	exportTranslations,
	importTranslations,
	parseXliff,
	toXliff,
	unitsOf,
	type ImportReport,
	type Unit
} from './exchange';
