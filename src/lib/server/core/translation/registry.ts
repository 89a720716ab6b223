import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type { ContentLocale } from '#lib/i18n/locales';
import type { I18nText } from '../text';
import type { ServiceContext } from '../context';

/**
 * A module's translatable content (issue 18): a table, its key, and its per-locale text columns.
 * Modules list theirs in `ModuleDefinition.translatable`; the drafts seed, the translation
 * workspace, its CSV/XLIFF exchange and the staleness queue all work from this one description, so a
 * later module's fields get the same treatment by registering them.
 */
export interface TranslatableEntity {
	/** The owning module (`programs`). */
	module: string;
	/** A stable name (`programs.program`), used in exports and history. */
	entity: string;
	table: PgTable;
	/** The primary key column (text). */
	id: PgColumn;
	/** The column the seed's drafts are keyed by (a slug); the id when absent. */
	key?: PgColumn;
	/** Country code column, for counts per country and the staleness queue. */
	country?: PgColumn;
	/** Translatable per-locale text columns (I18nText jsonb), by the table's property name. */
	fields: Record<string, PgColumn>;
	/** The field that names a record in lists. */
	label: string;
	/** Which rows are content at all (e.g. not retired); every row when absent. */
	where?: () => SQL | undefined;
	/** A user id column naming the curator whose text a person wrote (`reviewed by that curator`). */
	curator?: PgColumn;
	/** The page where a record is seen in context, `{locale}` and `{key}` filled in. */
	path?: string;
	/**
	 * Fields a record keeps as one plain string, inside a nested value or in an append-only row (a
	 * program's operator, `criteria.2.note`, a timeline note), by path: the record's own text of each,
	 * a string in `plainLocale` (English when absent) or an I18nText whose locales stay as written.
	 * Their translations and provenance live in `core_field_text` (see `plain.ts`); the record keeps
	 * the text as published.
	 */
	plain?: (row: Record<string, unknown>) => Record<string, string | I18nText | null | undefined>;
	plainLocale?: ContentLocale | ((row: Record<string, unknown>) => ContentLocale);
	/**
	 * Called after texts of a record were written (a drafts file applied, a translation saved), with the
	 * record as it now is: for what the module derives from its texts (programs: the search columns and
	 * word table, so a translated word finds its program).
	 */
	afterWrite?: (ctx: ServiceContext, row: Record<string, unknown>) => Promise<void>;
}

/** One draft of a field, as `seed/translations/*.json` holds it. */
export interface DraftEntry {
	source: string;
	sourceLocale: string;
	status: Record<string, string>;
	[locale: string]: unknown;
}

/** A drafts file: `entries[<key>][<path>]`. */
export interface DraftFile {
	entries: Record<string, Record<string, DraftEntry>>;
}

/** Where a draft goes: a record (by key) and one of the entity's fields; null = not stored as content. */
export type DraftTarget = (entryKey: string, path: string) => { key: string; field: string } | null;
