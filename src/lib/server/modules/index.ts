import type { ModuleDefinition } from '../core/registry';
import { coreModule } from '../core';
import { accountsModule } from './accounts';
import { programsModule } from './programs';
import { careModule } from './care';
import { coalitionsModule } from './coalitions';
import { learningModule } from './learning';
import { productionModule } from './production';
import { shopsModule } from './shops';
import { impactModule } from './impact';

/**
 * Every module Birge runs, in seed order (reference data first). Add a module here, add its schema to
 * db/schema.ts, and its pages under routes/[locale]/.
 */
export const MODULES: readonly ModuleDefinition[] = [
	coreModule,
	accountsModule,
	programsModule,
	coalitionsModule,
	careModule,
	learningModule,
	productionModule,
	shopsModule,
	impactModule
];

export function moduleHome(name: string) {
	return MODULES.find((m) => m.name === name)?.home;
}
