import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { createTestDb, type TestDb } from '#lib/server/testing';
import { LOCALES } from '#lib/i18n/locales';
import { entitiesOf, propertyOf, sourceLocaleOf, type I18nText } from '#lib/server/core';
import * as schema from '#lib/server/db/schema';
import { MODULES } from '#lib/server/modules';

/**
 * "Any seeded field a later module adds gets the same treatment automatically" (issue 18): after every
 * reference seed, each per-locale text stored anywhere in the database (a jsonb value shaped
 * `{ en, ru, … }`, at the top of a column or nested inside one) must belong to a field some module
 * registers in `translatable` (so it is in the workspace and its drafts carry core provenance), or be
 * listed below with the reason it is not content to translate.
 */
const NOT_CONTENT: Record<string, string> = {
	'coalitions_agenda_version.snapshot': 'a published version: a frozen copy of the items as they were',
	'learning_certificate.course_title': 'the course title as it was when the certificate was issued',
	'core_field_text.text': 'the translations of plain fields themselves (core)',
	'core_audit_log.before': 'history',
	'core_audit_log.after': 'history',
	'programs_history.changes': 'history',
	'core_country.name': 'place names from the reference data: the official name in each language',
	'core_division.name': 'place names from the reference data: the official name in each language',
	'learning_course.status': "learning's own translation status per field and locale (not text)"
};

let db: TestDb;
beforeAll(async () => {
	db = await createTestDb({ seed: true });
});
afterAll(async () => db?.close());

const LOCALE_KEYS = new Set<string>([...LOCALES, '$p', '$src']);
function isI18n(value: unknown): value is I18nText {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
	const keys = Object.keys(value);
	return (
		keys.length > 0 &&
		keys.every((k) => LOCALE_KEYS.has(k)) &&
		keys.some((k) => !k.startsWith('$') && typeof (value as Record<string, unknown>)[k] === 'string')
	);
}
/** True when a per-locale text occurs in `value` below its top level. */
function hasNested(value: unknown): boolean {
	if (!value || typeof value !== 'object') return false;
	return Object.values(value).some((v) => isI18n(v) || hasNested(v));
}

describe('the translatable registry', () => {
	it('covers every per-locale text the seeds store, and each carries its source language', async () => {
		const registered = new Map<string, Set<string>>();
		for (const e of entitiesOf(MODULES)) {
			const set = registered.get(getTableName(e.table)) ?? new Set<string>();
			for (const col of Object.values(e.fields)) set.add(col.name);
			registered.set(getTableName(e.table), set);
		}
		const unregistered: string[] = [];
		const withoutSource: string[] = [];
		let texts = 0;
		for (const table of Object.values(schema)) {
			if (!is(table, PgTable)) continue;
			const name = getTableName(table);
			const jsonColumns = Object.values(getTableColumns(table)).filter((c) => c.columnType === 'PgJsonb');
			if (!jsonColumns.length) continue;
			const rows = (await db.handle.db
				.select()
				.from(table as never)
				.limit(2000)) as Record<string, unknown>[];
			for (const col of jsonColumns) {
				const key = `${name}.${col.name}`;
				if (key in NOT_CONTENT) continue;
				const prop = propertyOf(table, col);
				for (const row of rows) {
					const value = row[prop];
					if (isI18n(value)) {
						texts++;
						// A column an entity reads through its `plain` paths (an append-only timeline note).
						const plain = entitiesOf(MODULES).some(
							(e) => getTableName(e.table) === name && Object.values(e.plain?.(row) ?? {}).includes(value)
						);
						if (!registered.get(name)?.has(col.name) && !plain) unregistered.push(key);
						// A column field records its source language; an append-only row's (plain) text
						// cannot be rewritten, so its source language must at least be readable.
						else if (!sourceLocaleOf(value) || (!plain && !value.$src))
							withoutSource.push(`${key} ${String(row.id)}`);
					} else if (hasNested(value) && !registered.get(name)?.has(col.name)) {
						// Nested texts: registered through the entity's `plain` paths (programs' criteria…)
						// are fine; the check above lists the rest.
						const e = entitiesOf(MODULES).find((x) => getTableName(x.table) === name && x.plain);
						if (!e) unregistered.push(`${key} (nested)`);
					}
				}
			}
		}
		expect(texts).toBeGreaterThan(100);
		expect([...new Set(unregistered)]).toEqual([]);
		expect(withoutSource.slice(0, 20)).toEqual([]);
	});
});
