import { and, eq, inArray, sql } from 'drizzle-orm';
import { CONTENT_LOCALES, type ContentLocale } from '#lib/i18n/locales';
import type { ServiceContext } from '../context';
import { sourceLocaleOf, type I18nText, type TextProvenance } from '../text';
import { propertyOf } from './drafts';
import type { TranslatableEntity } from './registry';
import { fieldText } from './schema';

/**
 * Plain and nested fields (issue 18): a record keeps such a field's text as published (one string,
 * or an append-only row's I18nText); its translations and their provenance live in
 * `core_field_text`. The text a reader, the workspace and the exports see is the record's own text
 * with the stored translations beside it (`effectiveText`).
 */

type Row = Record<string, unknown>;

/** A record's own text of a plain field as I18nText (null when it has none). */
export function ownText(
	value: string | I18nText | null | undefined,
	locale: ContentLocale = 'en'
): I18nText | null {
	if (value == null) return null;
	if (typeof value === 'string') return value.trim() ? { [locale]: value.trim(), $src: locale } : null;
	const src = sourceLocaleOf(value);
	return src ? { ...value, $src: src } : null;
}

/**
 * The record's own texts, with the stored translations for the locales it lacks. When the record's
 * source text is no longer the one the stored translations were made from, machine drafts are
 * dropped (a translation of another text would mislead) and reviews stay, stale by their hash.
 */
export function effectiveText(own: I18nText | null, stored: I18nText | null | undefined): I18nText | null {
	if (!own?.$src) return own;
	const src = own.$src;
	const out: I18nText = { ...own };
	const provenance: TextProvenance = { ...(own.$p ?? {}) };
	const storedSource = stored?.[src]?.trim();
	const sourceChanged = !!storedSource && storedSource !== own[src]?.trim();
	for (const l of CONTENT_LOCALES) {
		if (own[l]?.trim() || !stored?.[l]?.trim()) continue;
		const p = stored.$p?.[l];
		if (sourceChanged && p?.status !== 'reviewed') continue;
		out[l] = stored[l];
		if (p) provenance[l] = p;
	}
	if (Object.keys(provenance).length) out.$p = provenance;
	return out;
}

/** The record's own plain texts by path. */
export function plainFieldsOf(e: TranslatableEntity, row: Row): Record<string, I18nText> {
	const out: Record<string, I18nText> = {};
	const locale = typeof e.plainLocale === 'function' ? e.plainLocale(row) : e.plainLocale;
	for (const [path, value] of Object.entries(e.plain?.(row) ?? {})) {
		const own = ownText(value, locale);
		if (own) out[path] = own;
	}
	return out;
}

const storedKey = (id: string, field: string) => `${id}\u0000${field}`;

async function storedTexts(ctx: ServiceContext, e: TranslatableEntity, ids?: string[]) {
	const out = new Map<string, I18nText>();
	if (!e.plain || (ids && !ids.length)) return out;
	const rows = await ctx.db
		.select()
		.from(fieldText)
		.where(
			ids
				? and(eq(fieldText.entity, e.entity), inArray(fieldText.recordId, ids))
				: eq(fieldText.entity, e.entity)
		);
	for (const r of rows) out.set(storedKey(r.recordId, r.field), r.text as I18nText);
	return out;
}

export interface RowTexts {
	row: Row;
	id: string;
	/** Every translatable field of the record by name (column fields) or path (plain fields). */
	fields: [string, I18nText | null][];
}

/** Each row's translatable fields, column and plain ones, as the workspace and the exports see them. */
export async function textsOfRows(
	ctx: ServiceContext,
	e: TranslatableEntity,
	rows: Row[]
): Promise<RowTexts[]> {
	const idProp = propertyOf(e.table, e.id);
	const stored = await storedTexts(
		ctx,
		e,
		rows.length > 200 ? undefined : rows.map((r) => String(r[idProp]))
	);
	return rows.map((row) => {
		const id = String(row[idProp]);
		const fields: [string, I18nText | null][] = Object.keys(e.fields).map((f) => [
			f,
			row[f] as I18nText | null
		]);
		for (const [path, own] of Object.entries(plainFieldsOf(e, row)))
			fields.push([path, effectiveText(own, stored.get(storedKey(id, path)))]);
		return { row, id, fields };
	});
}

/**
 * For a module's views: each record's plain fields in every language, by record id and path. Rows
 * are the entity's table rows (property names), at least the columns its `plain` reads.
 */
export async function translatedFields(
	ctx: ServiceContext,
	e: TranslatableEntity,
	rows: Row[]
): Promise<Map<string, Record<string, I18nText>>> {
	const out = new Map<string, Record<string, I18nText>>();
	for (const r of await textsOfRows(ctx, e, rows)) {
		const texts: Record<string, I18nText> = {};
		for (const [path, text] of r.fields) if (!(path in e.fields) && text) texts[path] = text;
		out.set(r.id, texts);
	}
	return out;
}

/** Writes one field's text: a column field into its row, a plain field into core_field_text. */
export async function writeFieldText(
	ctx: ServiceContext,
	e: TranslatableEntity,
	id: string,
	field: string,
	next: I18nText
): Promise<void> {
	if (field in e.fields) {
		await ctx.db
			.update(e.table as never)
			.set({ [propertyOf(e.table, e.fields[field])]: next } as never)
			.where(eq(e.id, id));
		return;
	}
	await ctx.db
		.insert(fieldText)
		.values({ entity: e.entity, recordId: id, field, text: next, updatedAt: ctx.clock() })
		.onConflictDoUpdate({
			target: [fieldText.entity, fieldText.recordId, fieldText.field],
			set: { text: sql`excluded.text`, updatedAt: sql`excluded.updated_at` }
		});
}
