import type { ModuleDefinition } from '../../core/registry';
import { programsIndicators } from './indicators';
import { programsDueForReview } from './review';
import * as service from './service';
import * as csv from './csv';
import { programsSeed } from './seed';
import { deliveryJob, reminderJob, statisticsJob } from './jobs';
import { programsOpenApi } from './openapi';
export {
	programFromForm,
	profileFromForm,
	PROFILE_FIELDS,
	BUSINESS_FORMS,
	SECTORS,
	GROUPS,
	SORTS
} from './inputs';
export {
	PROGRAM_KINDS,
	PROGRAM_STATUSES,
	VERIFICATIONS,
	PUBLICATION_STATES,
	PROGRAM_COUNTRIES
} from './schema';
export type { ProgramListItem, SearchResult, MatchItem } from './service';
export type { ImportReport } from './csv';
export { isCurator } from './access';
export { CSV_COLUMNS } from './csv';

/** The programs module's public API (support navigator). */
export const programs = {
	findPrograms: service.findPrograms,
	getProgram: service.getProgram,
	matchPrograms: service.matchPrograms,
	saveProfile: service.saveProfile,
	deleteProfile: service.deleteProfile,
	myProfile: service.myProfile,
	myPrograms: service.myPrograms,
	saveProgram: service.saveProgram,
	unsaveProgram: service.unsaveProgram,
	queueReminders: service.queueReminders,
	renderReminder: service.renderReminder,
	feedToken: service.feedToken,
	calendarFeed: service.calendarFeed,
	createProgram: service.createProgram,
	updateProgram: service.updateProgram,
	submitForReview: service.submitForReview,
	publishRevision: service.publishRevision,
	discardRevision: service.discardRevision,
	publishProgram: service.publishProgram,
	returnToDraft: service.returnToDraft,
	archiveProgram: service.archiveProgram,
	listForCuration: service.listForCuration,
	programForEdit: service.programForEdit,
	importCsv: csv.importCsv,
	exportCsv: csv.exportCsv
};

export const programsModule: ModuleDefinition = {
	name: 'programs',
	home: { title: 'home_module_programs_title', summary: 'home_module_programs_summary', path: '/programs' },
	seeds: [programsSeed],
	jobs: [reminderJob, deliveryJob, statisticsJob],
	indicators: programsIndicators,
	dueForReview: programsDueForReview,
	openapi: programsOpenApi
};

import { PROGRAM_COUNTRIES, PROGRAM_KINDS, PROGRAM_STATUSES, VERIFICATIONS } from './schema';
import { SECTORS } from './inputs';
/** The choices of the curation form (passed to pages as data: components never import server code). */
export const curationOptions = {
	countries: PROGRAM_COUNTRIES,
	kinds: PROGRAM_KINDS,
	statuses: PROGRAM_STATUSES,
	sectors: SECTORS,
	verifications: VERIFICATIONS
};
