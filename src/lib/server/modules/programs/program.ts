import {
	AppError,
	pickText,
	publicLink,
	reference,
	textIn,
	translatedFields,
	type I18nText,
	type ServiceContext
} from '../../core';
import { formatMoney } from '#lib/i18n/format';
import { CONTEXT_KINDS } from './schema';
import { canEdit } from './access';
import { requirementText } from './matching';
import { isSaved, viewBySlug } from './queries';
import { programTexts } from './translations';
import { toListItem, toSummaryView, warningsFor, type ProgramView } from './views';

/** One program's page: everything it shows, in the context's language. */

/** Region code → name in the context's language (codes it does not know stay codes). */
export async function regionNamer(ctx: ServiceContext, codes: string[]): Promise<(code: string) => string> {
	const names = new Map<string, string>();
	for (const code of new Set(codes)) {
		const d = await reference.getDivision(ctx, code);
		if (d) names.set(code, d.name);
	}
	return (code) => names.get(code) ?? code;
}

/**
 * A published program (its curators also see it in any other state) with everything its page shows.
 * `publishedOnly` refuses every other state whoever asks (the public API).
 */
export async function getProgram(
	ctx: ServiceContext,
	slug: string,
	options: { publishedOnly?: boolean } = {}
) {
	const row = await viewBySlug(ctx, String(slug).slice(0, 120));
	if (!row) throw new AppError('NOT_FOUND');
	if (row.publication !== 'published' && (options.publishedOnly || !canEdit(ctx.actor, row)))
		throw new AppError('NOT_FOUND');
	const regionNames = await regionNamer(ctx, row.regions);
	const saved = ctx.actor.userId ? await isSaved(ctx, ctx.actor.userId, row.id) : false;
	const pick = (text: I18nText) => {
		const p = pickText(text, ctx.locale);
		return p ? { text: p.text, fallback: p.fallback ? p.locale : null, draft: p.draft } : null;
	};
	const currency = row.terms.currency;
	// Plain and nested texts (operator, notes) in her language, with their machine-draft marks.
	const texts = (await translatedFields(ctx, programTexts, [row])).get(row.id) ?? {};
	const plain = (path: string, own: string | null | undefined) =>
		own ? (pick(texts[path] ?? { en: own }) ?? { text: own, fallback: null, draft: false }) : null;
	const operator = plain('operator', row.operator);
	const item = toListItem(ctx, row);
	return {
		...item,
		sources: item.sources.map((s, i) => {
			const note = plain(`sources.${i}.note`, s.note);
			return { ...s, note: note?.text ?? null, noteLang: note?.fallback ?? null, noteDraft: !!note?.draft };
		}),
		deadlines: {
			...row.deadlines,
			dates: row.deadlines.dates.map((d, i) => {
				const note = plain(`deadlines.${i}.note`, d.note);
				return { ...d, note: note?.text, noteDraft: !!note?.draft };
			})
		},
		body: pick(row.body),
		operator: operator?.text ?? null,
		operatorText: operator,
		sectors: row.sectors,
		regionNames: row.regions.map((r) => regionNames(r)),
		eligibilityText: pick(row.eligibilityText),
		uptake: pick(row.uptake),
		criteriaRaw: row.criteria,
		criteria: row.criteria.map((c, i) => {
			const note = plain(`criteria.${i}.note`, c.note);
			return {
				field: c.field,
				requirement: requirementText(ctx.locale, { ...c, note: note?.text }, regionNames, currency),
				draft: !!note?.draft
			};
		}),
		howToApply: {
			steps: row.howToApply.steps.map((s) => textIn(s, ctx.locale)).filter(Boolean),
			documents: row.howToApply.documents.map((s) => textIn(s, ctx.locale)).filter(Boolean)
		},
		officialUrl: row.officialUrl,
		criteriaComplete: row.criteriaComplete,
		/** The operator's contacts as a source gives them (empty until one does). */
		contacts: row.contacts,
		hasContacts: !!(
			row.contacts.phone ||
			row.contacts.address ||
			row.contacts.hours ||
			row.contacts.partnerBanks.length
		),
		reviewedBy: row.reviewedBy,
		publication: row.publication,
		warnings: warningsFor(ctx, row),
		isContext: row.kinds.every((k) => CONTEXT_KINDS.includes(k)),
		saved,
		canEdit: canEdit(ctx.actor, row),
		maxAmount:
			currency && row.terms.amountMax !== null ? formatMoney(ctx.locale, row.terms.amountMax, currency) : null
	};
}
export type ProgramPage = Awaited<ReturnType<typeof getProgram>>;

/** GET /api/v1/programs/{slug}: a published program only (never a draft, whoever asks). */
export async function programView(ctx: ServiceContext, slug: string, origin: string): Promise<ProgramView> {
	const p = await getProgram(ctx, slug, { publishedOnly: true });
	return {
		...toSummaryView(p, origin),
		body: p.body?.text ?? null,
		regions: p.regions,
		operator: p.operator,
		eligibilityText: p.eligibilityText?.text ?? null,
		criteria: p.criteria,
		deadlines: p.deadlines,
		howToApply: p.howToApply,
		officialUrl: publicLink(p.officialUrl, origin)
	};
}
