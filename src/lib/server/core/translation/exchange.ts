import { asc } from 'drizzle-orm';
import { isContentLocale, type ContentLocale } from '#lib/i18n/locales';
import { AppError } from '../errors';
import type { ServiceContext } from '../context';
import { withDb } from '../context';
import type { ModuleDefinition } from '../registry';
import { parseCsv, toCsv } from '../csv';
import { sourceLocaleOf } from '../text';
import { propertyOf } from './drafts';
import { textsOfRows } from './plain';
import { entitiesOf, fieldState, reviewTranslation, translatorLocales, type FieldState } from './workspace';

/**
 * A locale's content fields for a translator's own tool, and back: CSV and XLIFF 1.2. An import is
 * checked whole first (every unit known, its source unchanged since the export, the right target
 * language); with any problem nothing is written, and a dry run writes nothing either. What is
 * imported counts as reviewed by the translator who imports it, one history entry per field.
 */

export interface Unit {
	/** `entity|record id|field`, stable across exports. */
	id: string;
	sourceLocale: ContentLocale;
	source: string;
	target: string;
	state: FieldState;
}

const XLIFF_STATE: Record<FieldState, string> = {
	missing: 'needs-translation',
	'machine-draft': 'needs-review-translation',
	stale: 'needs-review-translation',
	reviewed: 'final',
	source: 'final'
};

/** Every translatable field with a source in another language, in a locale. */
export async function unitsOf(
	ctx: ServiceContext,
	modules: readonly ModuleDefinition[],
	locale: ContentLocale
): Promise<Unit[]> {
	const out: Unit[] = [];
	for (const e of entitiesOf(modules)) {
		const idProp = propertyOf(e.table, e.id);
		const where = e.where?.();
		const q = ctx.db.select().from(e.table as never);
		const rows = (await (where ? q.where(where) : q).orderBy(asc(e.id))) as Record<string, unknown>[];
		for (const { row, fields } of await textsOfRows(ctx, e, rows))
			for (const [field, text] of fields) {
				const src = sourceLocaleOf(text);
				if (!src || src === locale) continue;
				out.push({
					id: `${e.entity}|${row[idProp]}|${field}`,
					sourceLocale: src,
					source: text![src] ?? '',
					target: text?.[locale] ?? '',
					state: fieldState(text, locale)
				});
			}
	}
	return out;
}

function requireLocale(ctx: ServiceContext, locale: string): ContentLocale {
	if (!isContentLocale(locale) || !(translatorLocales(ctx.actor) as string[]).includes(locale))
		throw new AppError(ctx.actor.userId ? 'FORBIDDEN' : 'UNAUTHENTICATED');
	return locale;
}

const esc = (s: string) =>
	s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const unesc = (s: string) =>
	s.replace(
		/&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g,
		(_m, name: string, dec?: string, hex?: string) =>
			dec
				? String.fromCodePoint(Number(dec))
				: hex
					? String.fromCodePoint(parseInt(hex, 16))
					: ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name]
	);

export function toXliff(units: Unit[], locale: ContentLocale): string {
	const bySource = new Map<string, Unit[]>();
	for (const u of units) bySource.set(u.sourceLocale, [...(bySource.get(u.sourceLocale) ?? []), u]);
	const files = [...bySource].map(
		([src, list]) =>
			`  <file original="birge-content" source-language="${src}" target-language="${locale}" datatype="plaintext">\n    <body>\n` +
			list
				.map(
					(u) =>
						`      <trans-unit id="${esc(u.id)}" xml:space="preserve">\n        <source>${esc(u.source)}</source>\n        <target state="${XLIFF_STATE[u.state]}">${esc(u.target)}</target>\n      </trans-unit>\n`
				)
				.join('') +
			`    </body>\n  </file>\n`
	);
	return `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n${files.join('')}</xliff>\n`;
}

export interface ImportedUnit {
	id: string;
	source: string;
	target: string;
	targetLocale: string | null;
}

/** Reads XLIFF 1.2 (files, trans-units, source, target). No DTD, no entities beyond XML's own. */
export function parseXliff(xml: string): ImportedUnit[] {
	if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new AppError('INVALID', { messageKey: 'translate_error_file' });
	if (!/<xliff[^>]*version="1\.2"/.test(xml))
		throw new AppError('INVALID', { messageKey: 'translate_error_file' });
	const out: ImportedUnit[] = [];
	for (const file of xml.matchAll(/<file\b([^>]*)>([\s\S]*?)<\/file>/g)) {
		const target = /target-language="([^"]*)"/.exec(file[1])?.[1] ?? null;
		for (const unit of file[2].matchAll(/<trans-unit\b([^>]*)>([\s\S]*?)<\/trans-unit>/g)) {
			const id = /\bid="([^"]*)"/.exec(unit[1])?.[1];
			const source = /<source(?:\s[^>]*)?>([\s\S]*?)<\/source>/.exec(unit[2])?.[1];
			const tgt = /<target(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/target>)/.exec(unit[2]);
			if (id === undefined || source === undefined)
				throw new AppError('INVALID', { messageKey: 'translate_error_file' });
			out.push({ id: unesc(id), source: unesc(source), target: unesc(tgt?.[1] ?? ''), targetLocale: target });
		}
	}
	return out;
}

const CSV_HEADER = ['id', 'source_locale', 'source', 'target_locale', 'target', 'state'];

export function toUnitsCsv(units: Unit[], locale: ContentLocale): string {
	return toCsv([
		CSV_HEADER,
		...units.map((u) => [u.id, u.sourceLocale, u.source, locale, u.target, u.state])
	]);
}

export function parseUnitsCsv(text: string): ImportedUnit[] {
	const rows = parseCsv(text.replace(/^\uFEFF/, ''));
	const header = rows[0]?.map((h) => h.trim());
	if (!header || CSV_HEADER.some((h, i) => header[i] !== h))
		throw new AppError('INVALID', { messageKey: 'translate_error_file' });
	return rows
		.slice(1)
		.filter((r) => r.some((c) => c.trim()))
		.map((r) => ({ id: r[0], source: r[2] ?? '', target: r[4] ?? '', targetLocale: r[3] || null }));
}

/** The export of a locale, as a file. */
export async function exportTranslations(
	ctx: ServiceContext,
	modules: readonly ModuleDefinition[],
	input: { locale: string; format: 'csv' | 'xliff' }
) {
	const locale = requireLocale(ctx, input.locale);
	const units = await unitsOf(ctx, modules, locale);
	return input.format === 'xliff'
		? { body: toXliff(units, locale), type: 'application/x-xliff+xml', name: `birge-${locale}.xlf` }
		: { body: toUnitsCsv(units, locale), type: 'text/csv; charset=utf-8', name: `birge-${locale}.csv` };
}

export interface ImportReport {
	dryRun: boolean;
	applied: boolean;
	changed: number;
	reviewed: number;
	unchanged: number;
	errors: { id: string; problem: 'unknown' | 'source_changed' | 'wrong_language' | 'duplicate' }[];
}

/** Imports a translator's file for her locale: all or nothing; a dry run only reports. */
export async function importTranslations(
	ctx: ServiceContext,
	modules: readonly ModuleDefinition[],
	input: { locale: string; format: 'csv' | 'xliff'; content: string; dryRun: boolean }
): Promise<ImportReport> {
	const locale = requireLocale(ctx, input.locale);
	const parsed = input.format === 'xliff' ? parseXliff(input.content) : parseUnitsCsv(input.content);
	const current = new Map((await unitsOf(ctx, modules, locale)).map((u) => [u.id, u]));
	const report: ImportReport = {
		dryRun: input.dryRun,
		applied: false,
		changed: 0,
		reviewed: 0,
		unchanged: 0,
		errors: []
	};
	const seen = new Set<string>();
	const work: { id: string; text: string }[] = [];
	for (const u of parsed) {
		const now = current.get(u.id);
		if (seen.has(u.id)) report.errors.push({ id: u.id, problem: 'duplicate' });
		else if (!now) report.errors.push({ id: u.id, problem: 'unknown' });
		else if (u.targetLocale && u.targetLocale !== locale)
			report.errors.push({ id: u.id, problem: 'wrong_language' });
		else if (u.source.trim() !== now.source.trim())
			report.errors.push({ id: u.id, problem: 'source_changed' });
		else {
			const text = u.target.trim();
			if (!text || (text === now.target.trim() && (now.state === 'reviewed' || now.state === 'source')))
				report.unchanged++;
			else {
				if (text === now.target.trim()) report.reviewed++;
				else report.changed++;
				work.push({ id: u.id, text });
			}
		}
		seen.add(u.id);
	}
	if (input.dryRun || report.errors.length) return report;
	await ctx.db.transaction(async (tx) => {
		const txCtx = withDb(ctx, tx);
		for (const w of work) {
			const [entity, id, field] = w.id.split('|');
			await reviewTranslation(txCtx, modules, { entity, id, field, locale, text: w.text }, 'import');
		}
	});
	return { ...report, applied: true };
}
