/**
 * The production module's Drizzle reads and writes, by sub-domain (no business rules here; the use
 * cases decide): `work.ts` the locking reads and ledger writes, the queue, orders and dashboard;
 * `network.ts` networks, coordinators, invitations, makers; `catalog.ts` patterns, rates, materials,
 * kits; `ledger.ts` entries and balances; `my-work.ts` the maker's own pages; `records.ts` the
 * register of home work and the reconciliation of materials.
 */
export * from './work';
export * from './network';
export * from './catalog';
export * from './ledger';
export * from './my-work';
export * from './records';
