import type { ModuleDefinition } from '../../core/registry';
import { registerReadCheck } from '../../core/files';
import {
	addCoCoordinator,
	addMakerProfile,
	createInvitation,
	createNetwork,
	getMaker,
	getNetwork,
	joinWithCode,
	leaveNetwork,
	listMakers,
	myNetworks,
	setLossTolerance,
	updateMakerProfile,
	withdrawConsent
} from './network';
import {
	addPatternFile,
	createKit,
	createMaterial,
	createPattern,
	listKits,
	listMaterials,
	listPatterns,
	listRates,
	recordMovement,
	setRate
} from './catalog';
import {
	createOrder,
	getOrder,
	linkableShopProducts,
	listOrders,
	respondToAssignment,
	takeBackAssignment
} from './orders';
import { listQueue, reportPending, reportPieces, reviewReport, reviewReports, QUEUE_PAGE } from './reports';
import { deliverProductionMessages, deliveryJob } from './jobs';
import {
	correctEntry,
	getBalance,
	listEntries,
	monthlyStatement,
	networkLedger,
	recordAdjustment,
	recordPayout
} from './ledger';
import { reconcile } from './reconcile';
import { makerPlaces } from './places';
import { myAssignment, myEarnings, myKits, myMakerId, myWork } from './my-work';
import {
	homeWorkRegister,
	homeWorkRegisterCsv,
	homeWorkRegisterXlsx,
	ledgerCsv,
	ledgerXlsx,
	statementPdf
} from './exports';
import { dashboard } from './dashboard';
import { productionIndicators } from './indicators';
import { maker } from './schema';
import { PAY_ACCOUNT_AAD } from './network';
import { fileReadCheck } from './files';
import { openapi } from './openapi';
import { productionSeed } from './seed';
export { formatMoney, parseMajor } from './money';
export { CONSENT_HOW, DIFFICULTIES, MOVEMENT_KINDS, PAY_METHODS, SEND_HOW, SEXES, UNITS } from './schema';
export type { MakerView } from './network';
export type { MakerPlaces } from './places';
export type { EntryView, Statement } from './ledger';
export type { ReconciliationRow } from './reconcile';
export type { ReviewResult } from './reports';

/**
 * The production module's public API (home production networks): every use case callers may call.
 * Each takes the service context first and checks access itself.
 */
export const production = {
	// networks, coordinators, invitations, makers, consent
	createNetwork,
	myNetworks,
	getNetwork,
	setLossTolerance,
	addCoCoordinator,
	createInvitation,
	joinWithCode,
	addMakerProfile,
	updateMakerProfile,
	getMaker,
	listMakers,
	makerPlaces,
	withdrawConsent,
	leaveNetwork,
	// patterns, rates, materials, stock, kits
	createPattern,
	addPatternFile,
	listPatterns,
	setRate,
	listRates,
	createMaterial,
	listMaterials,
	recordMovement,
	createKit,
	listKits,
	// orders and their fan-out
	createOrder,
	listOrders,
	getOrder,
	linkableShopProducts,
	respondToAssignment,
	takeBackAssignment,
	// piece reports and their review
	reportPieces,
	reviewReports,
	reviewReport,
	reportPending,
	deliverProductionMessages,
	listQueue,
	QUEUE_PAGE,
	// ledger, payouts, statements, exports
	recordPayout,
	recordAdjustment,
	correctEntry,
	getBalance,
	listEntries,
	monthlyStatement,
	networkLedger,
	statementPdf,
	ledgerCsv,
	ledgerXlsx,
	homeWorkRegister,
	homeWorkRegisterCsv,
	homeWorkRegisterXlsx,
	reconcile,
	dashboard,
	// the maker's own pages
	myWork,
	myAssignment,
	myKits,
	myEarnings,
	myMakerId
} as const;

registerReadCheck('production', fileReadCheck);

export const productionModule: ModuleDefinition = {
	name: 'production',
	home: {
		title: 'home_module_production_title',
		summary: 'home_module_production_summary',
		path: '/production'
	},
	seeds: [productionSeed],
	jobs: [deliveryJob],
	indicators: productionIndicators,
	encryptedFields: [{ table: maker, id: maker.id, column: maker.payAccount, aad: PAY_ACCOUNT_AAD }],
	openapi
};
