import type { ModuleDefinition } from '../../core/registry';
import { impactTranslationsSeed, indicatorTexts, resultTexts } from './translations';
import {
	createStory,
	getStory,
	listStories,
	MAX_STORY_FILE_BYTES,
	STORY_FILE_TYPES,
	storyForEdit,
	updateStory
} from './stories';
import { addReach, importReachCsv, reachReport, REACH_CSV_FIELDS } from './reach';
import {
	createIndicator,
	createResult,
	decideValue,
	enterValue,
	getFramework,
	pendingValues,
	setTarget
} from './framework';
import { indicatorValues } from './values';
import {
	checkAnswers,
	enumeratorForm,
	importAnswersCsv,
	importSurvey,
	listSurveys,
	openWave,
	setWaveOpen,
	submitAnswers,
	surveyForm,
	surveyResults
} from './surveys';
import { coordinatedCountries, isCoordinator } from './access';
import { impactSeed } from './seed';
import { publicDashboard } from './dashboard';
import { donorReportPdf, exportIati, exportXlsx } from './reports';
import { openapi } from './openapi';

export {
	CHANNELS,
	STORY_KINDS,
	STORY_BARRIERS,
	DIMENSIONS,
	IMPACT_COUNTRIES,
	REGION,
	WAVE_KINDS
} from './schema';
export type {
	StoryView,
	ReachReport,
	ReachRowView,
	ReachTotal,
	IndicatorValues,
	ValueRowView,
	ValueCell,
	PendingValueView,
	SurveyItemResult
} from './views';
export type { ReachImportReport } from './reach';
export type { Dashboard } from './dashboard';
export type { AnswersImportReport, SurveyImportReport } from './surveys';

/**
 * The impact module's public API: stories, reach, the results framework and its values, surveys,
 * dashboards and reports. Each use case takes the service context first and checks access itself.
 * Impact reads other modules only through the indicators they register (core snapshots).
 */
export const impact = {
	// stories and campaign content
	createStory,
	updateStory,
	storyForEdit,
	listStories,
	getStory,
	STORY_FILE_TYPES,
	MAX_STORY_FILE_BYTES,
	// reach
	addReach,
	importReachCsv,
	reachReport,
	REACH_CSV_FIELDS,
	// results framework and values
	createResult,
	createIndicator,
	setTarget,
	getFramework,
	enterValue,
	decideValue,
	pendingValues,
	indicatorValues,
	// surveys
	importSurvey,
	openWave,
	setWaveOpen,
	surveyForm,
	submitAnswers,
	enumeratorForm,
	importAnswersCsv,
	listSurveys,
	surveyResults,
	checkAnswers,
	// dashboards
	publicDashboard,
	// reports
	exportXlsx,
	donorReportPdf,
	exportIati,
	// access, for pages that show or hide coordinator links
	isCoordinator,
	coordinatedCountries
} as const;

export const impactModule: ModuleDefinition = {
	name: 'impact',
	home: { title: 'home_module_impact_title', summary: 'home_module_impact_summary', path: '/impact' },
	seeds: [impactSeed, impactTranslationsSeed],
	translatable: [resultTexts, indicatorTexts],
	openapi
};
