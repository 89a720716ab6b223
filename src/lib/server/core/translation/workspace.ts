import { and, asc, desc, eq } from 'drizzle-orm';
import { CONTENT_LOCALES, isContentLocale, type ContentLocale } from '#lib/i18n/locales';
import { AppError } from '../errors';
import { hasRole, isPlatformAdmin, requireUser } from '../access';
import type { Actor, ServiceContext } from '../context';
import { writeAudit } from '../audit';
import type { ModuleDefinition } from '../registry';
import type { ReviewItem } from '../indicators';
import { reviewIsStale, sourceLocaleOf, statusOf, textHash, type I18nText, type TextStatus } from '../text';
import { propertyOf } from './drafts';
import type { TranslatableEntity } from './registry';
import { fieldText, translationEvent } from './schema';
import { effectiveText, plainFieldsOf, textsOfRows, writeFieldText } from './plain';

/**
 * The translation workspace (issue 18): the queue of content fields missing or machine-drafted per
 * locale, one field's source and target side by side with its history, marking a translation reviewed
 * (or editing and reviewing it). A `translator` grant covers one locale (or every locale); platform
 * admins translate everywhere. Every change is kept in core_translation_event (append-only).
 */

export type FieldState = 'missing' | 'machine-draft' | 'stale' | 'reviewed' | 'source';

export function entitiesOf(modules: readonly ModuleDefinition[]): TranslatableEntity[] {
	return modules.flatMap((m) => m.translatable ?? []);
}

function entityNamed(modules: readonly ModuleDefinition[], name: string): TranslatableEntity {
	const e = entitiesOf(modules).find((x) => x.entity === name);
	if (!e) throw new AppError('NOT_FOUND');
	return e;
}

/** The locales the actor may translate into ([] for everybody else). */
export function translatorLocales(actor: Actor): ContentLocale[] {
	if (isPlatformAdmin(actor)) return [...CONTENT_LOCALES];
	const grants = actor.grants.filter((g) => g.role === 'translator');
	if (grants.some((g) => !g.locale)) return [...CONTENT_LOCALES];
	return CONTENT_LOCALES.filter((l) => grants.some((g) => g.locale === l));
}

export function canTranslate(actor: Actor, locale: string): boolean {
	return hasRole(actor, 'translator') && (translatorLocales(actor) as string[]).includes(locale);
}

function requireTranslator(ctx: ServiceContext, locale?: string): string {
	const userId = requireUser(ctx);
	if (locale !== undefined ? !canTranslate(ctx.actor, locale) : translatorLocales(ctx.actor).length === 0)
		throw new AppError('FORBIDDEN');
	return userId;
}

/** A field's state in a locale. */
export function fieldState(text: I18nText | null | undefined, locale: ContentLocale): FieldState {
	const status = statusOf(text, locale);
	if (!status) return 'missing';
	if (status === 'machine-draft') return 'machine-draft';
	if (reviewIsStale(text, locale)) return 'stale';
	return status === 'reviewed' ? 'reviewed' : 'source';
}

type Row = Record<string, unknown>;

async function rows(ctx: ServiceContext, e: TranslatableEntity): Promise<Row[]> {
	const where = e.where?.();
	const q = ctx.db.select().from(e.table as never);
	return (await (where ? q.where(where) : q).orderBy(asc(e.id))) as Row[];
}

export interface QueueItem {
	module: string;
	entity: string;
	id: string;
	key: string;
	field: string;
	label: string;
	country: string | null;
	state: FieldState;
	source: string;
	target: string | null;
}

/**
 * Counts per module, entity and locale of fields missing, machine-drafted or reviewed against an old
 * source; and the items of one locale waiting for a translator (at most `limit`).
 */
export async function translationQueue(
	ctx: ServiceContext,
	modules: readonly ModuleDefinition[],
	input: { locale: string; module?: string; limit?: number }
) {
	requireTranslator(ctx);
	const locale: ContentLocale = isContentLocale(input.locale) ? input.locale : 'ru';
	const counts: {
		module: string;
		entity: string;
		locale: ContentLocale;
		missing: number;
		draft: number;
		stale: number;
	}[] = [];
	const items: QueueItem[] = [];
	for (const e of entitiesOf(modules)) {
		if (input.module && e.module !== input.module) continue;
		const all = await textsOfRows(ctx, e, await rows(ctx, e));
		const idProp = propertyOf(e.table, e.id);
		const keyProp = e.key ? propertyOf(e.table, e.key) : idProp;
		const countryProp = e.country ? propertyOf(e.table, e.country) : null;
		for (const l of CONTENT_LOCALES) {
			const c = { module: e.module, entity: e.entity, locale: l, missing: 0, draft: 0, stale: 0 };
			for (const { row, fields } of all)
				for (const [field, text] of fields) {
					const src = sourceLocaleOf(text);
					if (!src || src === l) continue;
					const state = fieldState(text, l);
					if (state === 'missing') c.missing++;
					else if (state === 'machine-draft') c.draft++;
					else if (state === 'stale') c.stale++;
					else continue;
					if (l === locale && items.length < (input.limit ?? 200))
						items.push({
							module: e.module,
							entity: e.entity,
							id: String(row[idProp]),
							key: String(row[keyProp]),
							field,
							label: pickLabel(row[e.label] as I18nText, locale) ?? String(row[keyProp]),
							country: countryProp ? ((row[countryProp] as string | null) ?? null) : null,
							state,
							source: text![src] ?? '',
							target: text?.[l] ?? null
						});
				}
			counts.push(c);
		}
	}
	return { locale, locales: translatorLocales(ctx.actor), counts, items };
}

function pickLabel(text: I18nText | null | undefined, locale: ContentLocale): string | null {
	return text?.[locale] ?? text?.ru ?? text?.en ?? null;
}

async function loadField(
	ctx: ServiceContext,
	modules: readonly ModuleDefinition[],
	input: { entity: string; id: string; field: string }
) {
	const e = entityNamed(modules, input.entity);
	const [row] = (await ctx.db
		.select()
		.from(e.table as never)
		.where(eq(e.id, input.id))) as Row[];
	if (!row) throw new AppError('NOT_FOUND');
	if (input.field in e.fields) return { e, row, text: (row[input.field] as I18nText | null) ?? {} };
	const own = plainFieldsOf(e, row)[input.field];
	if (!own) throw new AppError('NOT_FOUND');
	const [stored] = await ctx.db
		.select()
		.from(fieldText)
		.where(
			and(eq(fieldText.entity, e.entity), eq(fieldText.recordId, input.id), eq(fieldText.field, input.field))
		);
	return { e, row, text: effectiveText(own, stored?.text as I18nText | undefined) ?? {} };
}

/** One field in one locale: the source beside the target, its state, and its history. */
export async function translationField(
	ctx: ServiceContext,
	modules: readonly ModuleDefinition[],
	input: { entity: string; id: string; field: string; locale: string }
) {
	if (!isContentLocale(input.locale)) throw new AppError('NOT_FOUND');
	requireTranslator(ctx, input.locale);
	const { e, text } = await loadField(ctx, modules, input);
	const src = sourceLocaleOf(text);
	const history = await ctx.db
		.select()
		.from(translationEvent)
		.where(
			and(
				eq(translationEvent.entity, e.entity),
				eq(translationEvent.recordId, input.id),
				eq(translationEvent.field, input.field),
				eq(translationEvent.locale, input.locale)
			)
		)
		.orderBy(desc(translationEvent.id))
		.limit(50);
	return {
		module: e.module,
		entity: e.entity,
		id: input.id,
		field: input.field,
		locale: input.locale,
		sourceLocale: src,
		source: src ? (text[src] ?? '') : '',
		target: text[input.locale] ?? '',
		state: fieldState(text, input.locale),
		provenance: text.$p?.[input.locale] ?? null,
		history: history.map((h) => ({
			at: h.at.toISOString(),
			action: h.action,
			by: h.byUserId,
			status: h.status,
			before: h.before,
			after: h.after
		}))
	};
}

/**
 * Marks a translation reviewed, with her text when she changed it (an empty text is refused). The
 * review records who, when and which source text she checked it against; the change goes to history.
 */
export async function reviewTranslation(
	ctx: ServiceContext,
	modules: readonly ModuleDefinition[],
	input: { entity: string; id: string; field: string; locale: string; text?: string | null },
	how: 'review' | 'edit' | 'import' = 'review'
) {
	if (!isContentLocale(input.locale))
		throw new AppError('INVALID', { fields: { locale: { key: 'error_field_choice' } } });
	const userId = requireTranslator(ctx, input.locale);
	const { e, row, text } = await loadField(ctx, modules, input);
	const src = sourceLocaleOf(text);
	if (!src) throw new AppError('CONFLICT');
	if (src === input.locale) throw new AppError('CONFLICT', { messageKey: 'translate_error_source' });
	const before = text[input.locale] ?? null;
	const after = (input.text ?? before ?? '').trim();
	if (!after) throw new AppError('INVALID', { fields: { text: { key: 'error_field_required' } } });
	if (after.length > 20000)
		throw new AppError('INVALID', {
			fields: { text: { key: 'error_field_too_long', params: { count: 20000 } } }
		});
	const status: TextStatus = 'reviewed';
	const next: I18nText = {
		...text,
		[input.locale]: after,
		$src: src,
		$p: {
			...(text.$p ?? {}),
			[input.locale]: {
				status,
				by: userId,
				at: ctx.clock().toISOString(),
				sourceHash: textHash(text[src] ?? '')
			}
		}
	};
	await writeFieldText(ctx, e, String(row[propertyOf(e.table, e.id)]), input.field, next);
	await e.afterWrite?.(ctx, { ...row, [input.field]: next });
	const action = how === 'import' ? 'import' : before === after ? 'review' : 'edit';
	await ctx.db.insert(translationEvent).values({
		entity: e.entity,
		recordId: input.id,
		field: input.field,
		locale: input.locale,
		action,
		before,
		after,
		status,
		byUserId: userId,
		at: ctx.clock()
	});
	await writeAudit(ctx, {
		action: `translation.${action}`,
		entity: e.entity,
		entityId: input.id,
		before: { field: input.field, locale: input.locale, text: before },
		after: { field: input.field, locale: input.locale, text: after }
	});
	return { action };
}

/**
 * Translations reviewed against a source that has changed since (for the staleness queue), for the
 * locales the actor translates; none for anybody else.
 */
export async function translationsDueForReview(
	ctx: ServiceContext,
	modules: readonly ModuleDefinition[]
): Promise<ReviewItem[]> {
	const locales = translatorLocales(ctx.actor);
	if (!ctx.actor.userId || locales.length === 0) return [];
	const out: ReviewItem[] = [];
	for (const e of entitiesOf(modules)) {
		const idProp = propertyOf(e.table, e.id);
		const countryProp = e.country ? propertyOf(e.table, e.country) : null;
		for (const { row, fields } of await textsOfRows(ctx, e, await rows(ctx, e)))
			for (const [field, text] of fields)
				for (const l of locales) {
					if (fieldState(text, l) !== 'stale') continue;
					const id = String(row[idProp]);
					out.push({
						module: e.module,
						kind: `translation_${l}`,
						id: `${e.entity}|${id}|${field}|${l}`,
						title: (row[e.label] as I18nText) ?? {},
						country: countryProp ? String(row[countryProp] ?? '') : '',
						since: text?.$p?.[l]?.at?.slice(0, 10) ?? null,
						reason: 'translation_source_changed',
						path: `/${ctx.locale}/translate?${new URLSearchParams({ to: l, entity: e.entity, id, field })}`
					});
				}
	}
	return out;
}
