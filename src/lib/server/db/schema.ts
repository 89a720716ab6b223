/**
 * The one schema: every module's tables, for Drizzle and drizzle-kit. Add a module's schema here.
 */
export * from '../core/schema';
export * from '../modules/accounts/schema';
export * from '../modules/programs/schema';
export * from '../modules/care/schema';
export * from '../modules/coalitions/schema';
export * from '../modules/shops/schema';
export * from '../modules/impact/schema';
export * from '../core/files/schema';
export * from '../modules/learning/schema';
export * from '../modules/production/schema';
export * from '../core/translation/schema';
export * from '../bot/schema';
