import type { ModuleDefinition } from '../../core/registry';
import type { ServiceContext } from '../../core';
import { PROGRAM_COUNTRIES, PROGRAM_KINDS, PROGRAM_STATUSES, VERIFICATIONS } from './schema';
import { programInput, SECTORS } from './inputs';
import { findPrograms, hasDeadlines, searchView, searchColumns, distinctWords, addWords } from './search';
import { getProgram, programView } from './program';
import { deleteProfile, matchPrograms, matchView, myProfile, saveProfile } from './eligibility';
import { myPrograms, queueReminders, renderReminder, saveProgram, unsaveProgram } from './saved';
import { calendarFeed, feedToken } from './calendar';
import {
	archiveProgram,
	createProgram,
	discardRevision,
	listForCuration,
	programForEdit,
	publishProgram,
	publishRevision,
	returnToDraft,
	submitForReview,
	updateProgram
} from './curation';
import { exportCsv, importCsv } from './csv';
import { insertProgram, type ProgramInsert } from './queries';
import { normalise } from './records';
import { programsIndicators } from './indicators';
import { programsDueForReview } from './review';
import { programsSeed } from './seed';
import { deliveryJob, refreshStatistics, reminderJob, statisticsJob } from './jobs';
import { programsOpenApi } from './openapi';
import { programTexts, programsTranslationsSeed } from './translations';
import { hsdsPrograms } from './hsds';

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
export type { SearchResult } from './search';
export type {
	ProgramListItem,
	MatchItem,
	ProgramSummaryView,
	ProgramPageView,
	ProgramView,
	MatchView
} from './views';
export type { ImportReport } from './csv';
export { isCurator } from './access';
export { CSV_COLUMNS } from './csv';

/**
 * The programs module's public API (support navigator). Every function takes the service context
 * first and checks access itself; the `*View` functions give the JSON API's answers (their shapes are
 * the zod views in views.ts, documented in /api/v1/openapi.json).
 */
export const programs = {
	// the HSDS 3.0 export (published entries only)
	hsdsPrograms,
	// search (search.ts)
	findPrograms,
	hasDeadlines,
	searchView,
	// one program (program.ts)
	getProgram,
	programView,
	// eligibility (eligibility.ts)
	matchPrograms,
	matchView,
	saveProfile,
	deleteProfile,
	myProfile,
	// saved programs and reminders (saved.ts)
	myPrograms,
	saveProgram,
	unsaveProgram,
	queueReminders,
	renderReminder,
	// calendar feed (calendar.ts)
	feedToken,
	calendarFeed,
	// curation (curation.ts, csv.ts)
	createProgram,
	updateProgram,
	submitForReview,
	publishRevision,
	discardRevision,
	publishProgram,
	returnToDraft,
	archiveProgram,
	listForCuration,
	programForEdit,
	importCsv,
	exportCsv
};

/**
 * For bench/programs only (not for routes or other modules): bulk loading of generated programs
 * straight into the table, bypassing curation, history and access checks, which a benchmark of
 * 100,000 rows cannot afford. Rows loaded this way must be labelled demo.
 */
export const programsBench = {
	/** Program input (validated) → the values stored. */
	normalise: (input: unknown) => normalise(programInput.parse(input)),
	searchColumns,
	distinctWords,
	addWords,
	/** Inserts fully formed rows (values, search columns, publication, `demo: true`). */
	insertRows: async (ctx: ServiceContext, rows: (ProgramInsert & { demo: true })[]) => {
		if (rows.length) await insertProgram(ctx, rows);
	},
	refreshStatistics
};

export const programsModule: ModuleDefinition = {
	name: 'programs',
	home: { title: 'home_module_programs_title', summary: 'home_module_programs_summary', path: '/programs' },
	seeds: [programsSeed, programsTranslationsSeed],
	translatable: [programTexts],
	jobs: [reminderJob, deliveryJob, statisticsJob],
	indicators: programsIndicators,
	dueForReview: programsDueForReview,
	openapi: programsOpenApi
};

/** The choices of the curation form (passed to pages as data: components never import server code). */
export const curationOptions = {
	countries: PROGRAM_COUNTRIES,
	kinds: PROGRAM_KINDS,
	statuses: PROGRAM_STATUSES,
	sectors: SECTORS,
	verifications: VERIFICATIONS
};
