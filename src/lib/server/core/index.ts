export * from './context';
export * from './errors';
export * from './access';
export * from './audit';
export * from './text';
export * from './validation';
export * from './registry';
export * from './rate-limit';
export * from './idempotency';
export * from './outbox';
export * from './csv';
export * as reference from './reference';
export * as search from './search';
import type { ModuleDefinition } from './registry';
import { referenceSeed } from './reference/seed';

export const coreModule: ModuleDefinition = { name: 'core', seeds: [referenceSeed] };

/** The seven domains Birge is built around, in the order the home page presents them. */
export const DOMAINS = [
	'programs',
	'learning',
	'shops',
	'production',
	'coalitions',
	'care',
	'impact'
] as const;
export type Domain = (typeof DOMAINS)[number];
