import type { ModuleDefinition } from '../../core/registry';
import { courseTexts, lessonTexts, moduleTexts, quizTexts } from './translations';
import { calculateBreakEven, calculateLoan, calculatePrice } from './calculators';
import { learningOpenApi } from './openapi';
import { courseView, lessonView, listCourses } from './courses';
import {
	checkQuiz,
	markLessonRead,
	myProgress,
	noteLessonOpened,
	placeOptions,
	setPlace,
	submitQuiz,
	syncOffline
} from './progress';
import { certificatePdf, revokeCertificate, verifyCertificate } from './certificates';
import { coursePack, packSizes } from './pack';
import {
	authorHome,
	createCourse,
	editableCourse,
	previewMarkdown,
	saveLesson,
	setPublication,
	updateCourse,
	uploadAudio,
	uploadImage
} from './authoring';
import { editableQuiz, saveQuiz } from './quizzes';
import { removeQuiz } from './quiz-removal';
import { editOutline } from './outline';
import { lessonForChat } from './telegram';
import { parseHumanNumber } from './numbers';
import { learningSeed } from './seed';
import { isAuthor } from './access';
import { learningIndicators } from './indicators';
import { courseApiView, lessonApiView, courseListApiView } from './views';
export {
	CURRENCIES,
	MAX_MONTHS,
	type Currency,
	type LoanView,
	type PriceView,
	type BreakEvenView
} from './inputs';
export { LOAN_METHODS, type LoanMethod } from './loan';
export { RATE_COUNTRIES, type RateCountry } from './rules';
export { LEVELS, TEXT_STATUSES, type Level, type TextStatus } from './schema';
export type { CourseSummaryView, CourseView, LessonView, QuizView, QuestionView, Localized } from './courses';
export type { QuizResult, QuestionResult } from './scoring';
export type { VerificationView } from './certificates';
export { MAX_AUDIO_BYTES } from './authoring';
export { MAX_QUESTIONS, MAX_OPTIONS } from './quizzes';
export { TELEGRAM_LIMIT, CHAT_PART_MAX, type ChatLesson } from './telegram';
export { QUESTION_KINDS, type QuestionKind } from './schema';

/** The learning module's public API: calculators, courses, progress, certificates, packs, authoring. */
export const learning = {
	calculateLoan,
	calculatePrice,
	calculateBreakEven,
	// reading
	listCourses,
	courseView,
	lessonView,
	courseApiView,
	lessonApiView,
	courseListApiView,
	// her progress
	noteLessonOpened,
	markLessonRead,
	checkQuiz,
	submitQuiz,
	syncOffline,
	myProgress,
	setPlace,
	placeOptions,
	// certificates
	certificatePdf,
	verifyCertificate,
	revokeCertificate,
	// offline
	coursePack,
	packSizes,
	// authoring
	isAuthor,
	authorHome,
	createCourse,
	editableCourse,
	updateCourse,
	saveLesson,
	setPublication,
	previewMarkdown,
	uploadImage,
	uploadAudio,
	editOutline,
	editableQuiz,
	saveQuiz,
	removeQuiz,
	// chats (the Telegram bot)
	lessonForChat,
	/** Whether a typed answer reads as a number the way quizzes score it (`1 500`, `12,5`). */
	readsAsNumber: (text: string) => parseHumanNumber(text) !== null
};

export const learningModule: ModuleDefinition = {
	name: 'learning',
	home: {
		title: 'home_module_learning_title',
		summary: 'home_module_learning_summary',
		path: '/learn'
	},
	seeds: [learningSeed],
	translatable: [courseTexts, moduleTexts, lessonTexts, quizTexts],
	indicators: learningIndicators,
	openapi: learningOpenApi
};
