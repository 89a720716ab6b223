import { eq, getTableColumns } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { CONTENT_LOCALES, isContentLocale, type ContentLocale } from '#lib/i18n/locales';
import type { ServiceContext } from '../context';
import type { Seed } from '../registry';
import {
	normaliseUzbekApostrophes,
	sourceLocaleOf,
	type I18nText,
	type TextProvenance,
	type TextStatus
} from '../text';
import type { DraftEntry, DraftFile, DraftTarget, TranslatableEntity } from './registry';
import { textsOfRows, writeFieldText } from './plain';

/**
 * Applying the six-language drafts of seed/translations/ to stored content, and the provenance
 * migration of text stored before provenance existed. Both keep what people wrote: a locale's text a
 * person wrote or changed is never replaced by a draft.
 */

/** The property name of a column in its table (`title` for `programs_program.title`). */
export function propertyOf(table: PgTable, column: PgColumn): string {
	for (const [key, value] of Object.entries(getTableColumns(table))) if (value === column) return key;
	throw new Error(`column ${column.name} is not in its table`);
}

function draftStatus(value: string | undefined): TextStatus {
	if (value === 'machine-draft') return 'machine-draft';
	if (value === 'reviewed') return 'reviewed';
	return 'source'; // source, source-normalised
}

const same = (a: string | undefined, b: string | undefined) =>
	!!a && !!b && normaliseUzbekApostrophes(a.trim()) === normaliseUzbekApostrophes(b.trim());

/**
 * One field's stored text merged with its draft:
 * - a locale without text gets the draft, with the draft's status;
 * - a locale whose text equals the draft's keeps its text and gets the draft's status unless it
 *   already has a provenance (a person's review stays);
 * - a locale whose text differs is a person's and is kept; without a provenance yet it is recorded as
 *   `reviewed` by the record's curator (null when the table names none);
 * - when the stored source text is no longer the one the drafts translate (a curator rewrote it),
 *   no draft is added: a translation of another text would mislead.
 */
export function mergeDraft(
	current: I18nText | null | undefined,
	draft: DraftEntry,
	curator: string | null = null,
	at = 'seed'
): I18nText {
	const src = isContentLocale(draft.sourceLocale) ? draft.sourceLocale : null;
	const out: I18nText = { ...(current ?? {}) };
	const provenance: TextProvenance = { ...(current?.$p ?? {}) };
	const sourceChanged = !!src && !!current?.[src]?.trim() && !same(current[src], draft.source);
	for (const l of CONTENT_LOCALES) {
		const value = typeof draft[l] === 'string' ? (draft[l] as string).trim() : '';
		const status = draftStatus(draft.status?.[l]);
		const stored = current?.[l]?.trim();
		if (!stored) {
			if (!value || (sourceChanged && status !== 'source')) continue;
			out[l] = value;
			if (status !== 'source') provenance[l] = { status, by: null };
			else delete provenance[l];
		} else if (current?.$p?.[l] || l === src) {
			continue;
		} else if (same(stored, value)) {
			if (status !== 'source') provenance[l] = { status, by: null };
		} else {
			provenance[l] = { status: 'reviewed', by: curator, at };
		}
	}
	if (Object.keys(provenance).length) out.$p = provenance;
	else delete out.$p;
	if (src && out[src]) out.$src = src;
	return out;
}

/**
 * The migration of text stored before provenance: the source language is recorded, and a text in
 * another language that has no provenance is either the source's own (seeded rows: `source`) or a
 * person's (a row with a curator: `reviewed` by that curator, as of the row's last change).
 */
export function backfillText(
	current: I18nText | null | undefined,
	curator: string | null,
	at: string
): I18nText | null {
	if (!current || current.$src) return null;
	const src = sourceLocaleOf(current);
	if (!src) return null;
	const out: I18nText = { ...current, $src: src };
	if (curator) {
		const provenance: TextProvenance = { ...(current.$p ?? {}) };
		for (const l of CONTENT_LOCALES)
			if (l !== src && current[l]?.trim() && !provenance[l])
				provenance[l] = { status: 'reviewed', by: curator, at };
		if (Object.keys(provenance).length) out.$p = provenance;
	}
	return out;
}

type Row = Record<string, unknown>;

async function rowsOf(ctx: ServiceContext, entity: TranslatableEntity, key?: string): Promise<Row[]> {
	const keyCol = entity.key ?? entity.id;
	const q = ctx.db.select().from(entity.table as never);
	return (key === undefined ? await q : await q.where(eq(keyCol, key))) as Row[];
}

async function writeRow(ctx: ServiceContext, entity: TranslatableEntity, row: Row, set: Row) {
	if (!Object.keys(set).length) return;
	const idProp = propertyOf(entity.table, entity.id);
	await ctx.db
		.update(entity.table as never)
		.set(set as never)
		.where(eq(entity.id, row[idProp] as string));
	await entity.afterWrite?.(ctx, { ...row, ...set });
}

/** Records the source language of every stored text and who wrote the translations people wrote. */
export async function backfillProvenance(ctx: ServiceContext, entity: TranslatableEntity): Promise<number> {
	const curatorProp = entity.curator ? propertyOf(entity.table, entity.curator) : null;
	let changed = 0;
	for (const row of await rowsOf(ctx, entity)) {
		const set: Row = {};
		const curator = curatorProp ? ((row[curatorProp] as string | null) ?? null) : null;
		const at = row.updatedAt instanceof Date ? row.updatedAt.toISOString() : ctx.clock().toISOString();
		for (const field of Object.keys(entity.fields)) {
			const next = backfillText(row[field] as I18nText | null, curator, at);
			if (next) set[field] = next;
		}
		if (Object.keys(set).length) changed++;
		await writeRow(ctx, entity, row, set);
	}
	return changed;
}

/** Applies a drafts file to stored records (records the file names but the database lacks are skipped). */
export async function applyDrafts(
	ctx: ServiceContext,
	entity: TranslatableEntity,
	file: DraftFile,
	target: DraftTarget
): Promise<number> {
	const byKey = new Map<string, { field: string; draft: DraftEntry }[]>();
	for (const [entryKey, paths] of Object.entries(file.entries))
		for (const [path, draft] of Object.entries(paths)) {
			const t = target(entryKey, path);
			if (!t || !(t.field in entity.fields || entity.plain)) continue;
			byKey.set(t.key, [...(byKey.get(t.key) ?? []), { field: t.field, draft }]);
		}
	const curatorProp = entity.curator ? propertyOf(entity.table, entity.curator) : null;
	let changed = 0;
	for (const [key, drafts] of byKey) {
		for (const row of await rowsOf(ctx, entity, key)) {
			const set: Row = {};
			const curator = curatorProp ? ((row[curatorProp] as string | null) ?? null) : null;
			const at = row.updatedAt instanceof Date ? row.updatedAt.toISOString() : ctx.clock().toISOString();
			// Plain and nested fields (a record's own text, translations in core_field_text).
			const [texts] = drafts.some((d) => !(d.field in entity.fields))
				? await textsOfRows(ctx, entity, [row])
				: [null];
			const plain = new Map(texts?.fields.filter(([f]) => !(f in entity.fields)) ?? []);
			let plainChanged = false;
			for (const { field, draft } of drafts) {
				if (!(field in entity.fields)) {
					const before = plain.get(field);
					if (!before) continue; // the record has no such text (any more)
					const next = mergeDraft(before, draft, curator, at);
					if (JSON.stringify(next) === JSON.stringify(before)) continue;
					plain.set(field, next);
					await writeFieldText(ctx, entity, texts!.id, field, next);
					plainChanged = true;
					continue;
				}
				const before = (set[field] ?? row[field]) as I18nText | null;
				const next = mergeDraft(before, draft, curator, at);
				if (JSON.stringify(next) !== JSON.stringify(before)) set[field] = next;
			}
			if (Object.keys(set).length || plainChanged) changed++;
			await writeRow(ctx, entity, row, set);
		}
	}
	return changed;
}

/**
 * A module's translations seed: the provenance migration of its entities, then its drafts files.
 * Bump `version` to apply new drafts; texts people wrote are kept whatever the version.
 */
export function translationSeed(options: {
	name: string;
	version: string;
	entities: TranslatableEntity[];
	drafts: { entity: TranslatableEntity; file: DraftFile; target: DraftTarget }[];
	kind?: 'reference' | 'demo';
}): Seed {
	return {
		name: options.name,
		version: options.version,
		kind: options.kind ?? 'reference',
		async run(ctx) {
			for (const entity of options.entities) await backfillProvenance(ctx, entity);
			for (const d of options.drafts) await applyDrafts(ctx, d.entity, d.file, d.target);
		}
	};
}

export type { ContentLocale };
