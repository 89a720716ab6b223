import type { ModuleDefinition } from '../../core/registry';
import { coalitionsIndicators } from './indicators';
import * as service from './service';
import { coalitionsDemoSeed, coalitionsSeed } from './seed';
import { openapi } from './openapi';
export {
	BARRIERS,
	STATUSES,
	INSTRUMENT_TYPES,
	ITEM_KINDS,
	COUNCIL_ROLES,
	type Barrier,
	type Status
} from './schema';
export { MAX_FILE_BYTES, ALLOWED_TYPES, readFileBytes, setFilesRoot } from './files';
export { adoptionChartSvg, type ChartRow } from './chart';
export type { ItemView, EntryView, Evidence, Text, ImportReport } from './service';

/** The coalitions module's public API. */
export const coalitions = service;

export const coalitionsModule: ModuleDefinition = {
	name: 'coalitions',
	home: {
		title: 'home_module_coalitions_title',
		summary: 'home_module_coalitions_summary',
		path: '/coalitions'
	},
	seeds: [coalitionsSeed, coalitionsDemoSeed],
	indicators: coalitionsIndicators,
	openapi
};
