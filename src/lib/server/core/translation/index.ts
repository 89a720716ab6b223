export type { TranslatableEntity, DraftEntry, DraftFile, DraftTarget } from './registry';
export {
	mergeDraft,
	backfillText,
	backfillProvenance,
	applyDrafts,
	translationSeed,
	propertyOf
} from './drafts';
export { translationEvent, fieldText } from './schema';
export {
	effectiveText,
	ownText,
	plainFieldsOf,
	textsOfRows,
	translatedFields,
	writeFieldText
} from './plain';
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
