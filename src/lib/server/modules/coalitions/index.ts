import type { ModuleDefinition } from '../../core/registry';
import {
	getCoalition,
	getItem,
	joinOptions,
	listCoalitions,
	coalitionsForApi,
	listDirectory,
	listItems,
	recommendationsForApi,
	recommendationsOf,
	viewerOf
} from './pages';
import { leaveCoalition, listJoinRequests, requestJoin, reviewJoin, updateMemberProfile } from './membership';
import { createCoalition, getProfile, setCouncilRole, updateProfile } from './governance';
import {
	createAgenda,
	createRecommendation,
	getRecommendationText,
	publishAgendaVersion,
	updateRecommendationText
} from './agenda';
import { addComment, endorse } from './participation';
import { getEvidenceFile, recordStatus } from './timeline';
import {
	exportRecommendationsCsv,
	exportTimelineCsv,
	importTimelineCsv,
	RECOMMENDATIONS_CSV_HEADER,
	TIMELINE_CSV_HEADER
} from './timeline-csv';
import { FILE_PATH } from './views';
import { coalitionsIndicators } from './indicators';
import { coalitionsDemoSeed, coalitionsSeed } from './seed';
import { openapi } from './openapi';
import { evidenceFilesSeed, evidenceSweepJob } from './files';
import {
	agendaTexts,
	coalitionsDemoTranslationsSeed,
	coalitionsTranslationsSeed,
	timelineTexts,
	coalitionTexts,
	initiativeTexts,
	recommendationTexts,
	sourceTexts
} from './translations';
import { followCoalition, followDeliveryJob, myFollow, unfollowCoalition } from './follow';

export {
	BARRIERS,
	STATUSES,
	INSTRUMENT_TYPES,
	ITEM_KINDS,
	COUNCIL_ROLES,
	type Barrier,
	type Status
} from './schema';
export { JOINABLE_KINDS } from './inputs';
export {
	MAX_FILE_BYTES,
	ALLOWED_TYPES,
	readFileBytes,
	openEvidenceFile,
	importLegacyEvidence,
	sweepUnrecordedEvidence
} from './files';
export { adoptionChart, type ChartRow } from './chart';
export type { ItemView, EntryView, Evidence, Text, CoalitionsApi, RecommendationsApi } from './views';
/** Zod schemas of the API's answers (the OpenAPI components), for callers and tests that check them. */
export { API_SCHEMAS as COALITIONS_API_SCHEMAS } from './views';
export type { ImportReport, ImportRowReport } from './timeline-csv';
export type { Upload } from './timeline';

/**
 * The coalitions module's public API: every use case other code may call, by sub-domain. Each
 * takes the service context first and checks access itself.
 */
export const coalitions = {
	// pages and API (public reads; contacts and the discussion for insiders)
	listCoalitions,
	coalitionsForApi,
	getCoalition,
	viewerOf,
	listItems,
	recommendationsOf,
	recommendationsForApi,
	getItem,
	listDirectory,
	joinOptions,
	// membership
	requestJoin,
	listJoinRequests,
	reviewJoin,
	updateMemberProfile,
	leaveCoalition,
	// the coalition: profile, council, new coalitions
	getProfile,
	updateProfile,
	setCouncilRole,
	createCoalition,
	// agenda and recommendations
	createAgenda,
	publishAgendaVersion,
	createRecommendation,
	updateRecommendationText,
	getRecommendationText,
	// participation
	endorse,
	addComment,
	// the accountability timeline (append-only) and its evidence
	recordStatus,
	getEvidenceFile,
	FILE_PATH,
	// CSV
	exportRecommendationsCsv,
	exportTimelineCsv,
	importTimelineCsv,
	RECOMMENDATIONS_CSV_HEADER,
	TIMELINE_CSV_HEADER,
	// following a coalition's timeline (e-mail or Telegram)
	followCoalition,
	unfollowCoalition,
	myFollow
} as const;

export const coalitionsModule: ModuleDefinition = {
	name: 'coalitions',
	home: {
		title: 'home_module_coalitions_title',
		summary: 'home_module_coalitions_summary',
		path: '/coalitions'
	},
	seeds: [
		coalitionsSeed,
		coalitionsDemoSeed,
		evidenceFilesSeed,
		coalitionsTranslationsSeed,
		coalitionsDemoTranslationsSeed
	],
	translatable: [
		coalitionTexts,
		initiativeTexts,
		sourceTexts,
		recommendationTexts,
		agendaTexts,
		timelineTexts
	],
	jobs: [evidenceSweepJob, followDeliveryJob],
	indicators: coalitionsIndicators,
	openapi
};
