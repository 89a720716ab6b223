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
