import {
	translationSeed,
	type DraftEntry,
	type DraftFile,
	type I18nText,
	type TranslatableEntity
} from '../../core';
import { CONTENT_LOCALES } from '#lib/i18n/locales';
import { agenda, coalition, initiative, recommendation, source, timelineEntry } from './schema';
import { INITIATIVE_ID, seededItemId, sourceTitle } from './seed';
import data from '../../../../../seed/coalitions.json';
import drafts from '../../../../../seed/translations/coalitions.json';
import demoDrafts from '../../../../../seed/translations/coalitions-demo.json';

/**
 * Coalitions' per-locale texts (issue 18): names, items' titles and texts, agendas' titles; and, through
 * core's field texts (the record keeps the text as published), figures' notes, the founding note, the
 * leadership role and the partnership of a coalition, and timeline notes (append-only rows: their
 * translations live beside them, the entry is never rewritten). Source titles are publications' names,
 * kept as published.
 */
export const coalitionTexts: TranslatableEntity = {
	module: 'coalitions',
	entity: 'coalitions.coalition',
	table: coalition,
	id: coalition.id,
	key: coalition.slug,
	country: coalition.country,
	fields: { name: coalition.name, profile: coalition.profile },
	label: 'name',
	path: '/{locale}/coalitions/{key}',
	plain: (row) => coalitionPlainTexts(row as Partial<typeof coalition.$inferSelect>)
};

/**
 * A coalition's plain texts by path (`reported.1.note`, `founded.note`, `leadership.role`,
 * `leadership.person`: her name written in each language's script, `partnerOf`).
 */
export function coalitionPlainTexts(
	row: Partial<typeof coalition.$inferSelect>
): Record<string, string | null | undefined> {
	const out: Record<string, string | null | undefined> = {
		'founded.note': row.founded?.note,
		'leadership.role': row.leadership?.role,
		'leadership.person': row.leadership?.person,
		partnerOf: row.partnerOf
	};
	for (const [i, r] of (row.reported ?? []).entries()) out[`reported.${i}.note`] = r.note;
	return out;
}

/** What the initiative's row keeps in `data` (seed/coalitions.json's `initiative` but its name). */
export interface InitiativeData {
	partners?: string[];
	womenRepresented?: { value: number; source: string; note?: string | null };
	mediaReach?: { channel: string; people: number; source: string }[];
	goals?: string[];
	barriers?: string[];
}

/**
 * The initiative the coalitions were formed under (one row): its name, partners, goals, barriers, the
 * note on women represented and the media channels. The row keeps them as published (English); their
 * translations live in core's field texts.
 */
export const initiativeTexts: TranslatableEntity = {
	module: 'coalitions',
	entity: 'coalitions.initiative',
	table: initiative,
	id: initiative.id,
	fields: {},
	label: 'name',
	path: '/{locale}/coalitions',
	plain: (row) => initiativePlainTexts(row as Partial<typeof initiative.$inferSelect>)
};

/** The initiative's plain texts by path (`name`, `partners.0`, `goals.1`, `barriers.2`, …). */
export function initiativePlainTexts(
	row: Partial<typeof initiative.$inferSelect>
): Record<string, string | null | undefined> {
	const data = (row.data ?? {}) as InitiativeData;
	const out: Record<string, string | null | undefined> = {
		name: row.name,
		'womenRepresented.note': data.womenRepresented?.note
	};
	for (const [i, p] of (data.partners ?? []).entries()) out[`partners.${i}`] = p;
	for (const [i, m] of (data.mediaReach ?? []).entries()) out[`mediaReach.${i}.channel`] = m.channel;
	for (const [i, g] of (data.goals ?? []).entries()) out[`goals.${i}`] = g;
	for (const [i, b] of (data.barriers ?? []).entries()) out[`barriers.${i}`] = b;
	return out;
}

/**
 * Sources' titles (a publication's title and its publisher, as the seed stores them): the title keeps
 * its published form, followed in each language by a gloss; the row keeps the text as published.
 */
export const sourceTexts: TranslatableEntity = {
	module: 'coalitions',
	entity: 'coalitions.source',
	table: source,
	id: source.key,
	fields: {},
	label: 'title',
	path: '/{locale}/coalitions#source-{key}',
	plain: (row) => ({ title: row.title as string })
};

type DraftField = Record<string, string | Record<string, string>>;

/**
 * The drafts of a source's stored title, made from the drafts file's title and publisher (stored as
 * one text, "title — publisher"): a locale is a machine draft when either part is.
 */
function sourceTitleDrafts(file: DraftFile): DraftFile {
	const entries: DraftFile['entries'] = {};
	const sources = data.sources as Record<string, { title: string; publisher?: string | null }>;
	for (const [key, s] of Object.entries(sources)) {
		const d = file.entries[`sources.${key}`] as unknown as Record<string, DraftField> | undefined;
		if (!d?.title || (s.publisher && !d.publisher)) continue;
		const entry: DraftEntry = {
			source: sourceTitle(s.title, s.publisher),
			sourceLocale: 'en',
			status: {}
		};
		for (const l of CONTENT_LOCALES) {
			const title = d.title[l] as string | undefined;
			const publisher = s.publisher ? (d.publisher[l] as string | undefined) : null;
			if (!title || publisher === undefined) continue;
			entry[l] = sourceTitle(title, publisher);
			const statuses = [(d.title.status as Record<string, string>)[l]];
			if (s.publisher) statuses.push((d.publisher.status as Record<string, string>)[l]);
			entry.status[l] = statuses.includes('machine-draft')
				? 'machine-draft'
				: statuses.every((x) => x === 'reviewed')
					? 'reviewed'
					: 'source';
		}
		entries[key] = { title: entry };
	}
	return { entries };
}

/** Timeline notes: append-only rows, so their translations live in core's field texts. */
export const timelineTexts: TranslatableEntity = {
	module: 'coalitions',
	entity: 'coalitions.timeline',
	table: timelineEntry,
	id: timelineEntry.id,
	fields: {},
	label: 'note',
	curator: timelineEntry.createdBy,
	plain: (row) => {
		const instrument = row.instrument as { name?: string | null; body?: string | null } | null;
		return {
			note: row.note as I18nText,
			'instrument.name': instrument?.name,
			'instrument.body': instrument?.body
		};
	}
};

export const recommendationTexts: TranslatableEntity = {
	module: 'coalitions',
	entity: 'coalitions.recommendation',
	table: recommendation,
	id: recommendation.id,
	fields: { title: recommendation.title, text: recommendation.text },
	label: 'title',
	curator: recommendation.createdBy,
	/** Who the item is addressed to (a ministry, the government), kept as written. */
	plain: (row) => ({ targetBody: row.targetBody as string | null })
};

export const agendaTexts: TranslatableEntity = {
	module: 'coalitions',
	entity: 'coalitions.agenda',
	table: agenda,
	id: agenda.id,
	fields: { title: agenda.title },
	label: 'title',
	curator: agenda.createdBy
};

const COALITIONS = new Set(['kg', 'kz', 'tj', 'uz']);
/** The drafts' paths stored on a coalition (its name, and its plain texts). */
const COALITION_PATH = /^(name|founded\.note|leadership\.(role|person)|partnerOf|reported\.\d+\.note)$/;
/** The drafts' paths of the initiative's texts (the drafts file's `initiative` entry; its row is `wage`). */
const INITIATIVE_PATH =
	/^(name|womenRepresented\.note|partners\.\d+|mediaReach\.\d+\.channel|goals\.\d+|barriers\.\d+)$/;

export const coalitionsTranslationsSeed = translationSeed({
	name: 'coalitions.translations',
	version: '4',
	entities: [coalitionTexts, recommendationTexts, agendaTexts],
	drafts: [
		{
			entity: sourceTexts,
			file: sourceTitleDrafts(drafts as unknown as DraftFile),
			target: (key, path) => (path === 'title' ? { key, field: 'title' } : null)
		},
		{
			entity: initiativeTexts,
			file: drafts as unknown as DraftFile,
			target: (key, path) =>
				key === 'initiative' && INITIATIVE_PATH.test(path) ? { key: INITIATIVE_ID, field: path } : null
		},
		{
			entity: coalitionTexts,
			file: drafts as unknown as DraftFile,
			target: (key, path) => (COALITIONS.has(key) && COALITION_PATH.test(path) ? { key, field: path } : null)
		},
		{
			entity: timelineTexts,
			file: drafts as unknown as DraftFile,
			target: (key, path) => {
				// An outcome's status text is its first timeline note; its instrument's reference and body are
				// that entry's instrument name and body.
				const m = COALITIONS.has(key)
					? path.match(/^outcomes\.(\d+)\.(statusText|instrument\.reference|instrument\.body)$/)
					: null;
				if (!m) return null;
				const field = { statusText: 'note', 'instrument.reference': 'instrument.name' }[m[2]] ?? m[2];
				return { key: `${seededItemId(key, Number(m[1]))}-entry-1`, field };
			}
		},
		{
			entity: recommendationTexts,
			file: drafts as unknown as DraftFile,
			target: (key, path) => {
				// An outcome's title, and its instrument's body as the item's target body.
				const m = COALITIONS.has(key) ? path.match(/^outcomes\.(\d+)\.(title|instrument\.body)$/) : null;
				if (!m) return null;
				return { key: seededItemId(key, Number(m[1])), field: m[2] === 'title' ? 'title' : 'targetBody' };
			}
		}
	]
});

/** The demo agenda's drafts (demo data only). */
export const coalitionsDemoTranslationsSeed = translationSeed({
	name: 'coalitions.demo-translations',
	version: '1',
	kind: 'demo',
	entities: [],
	drafts: [
		{
			entity: agendaTexts,
			file: demoDrafts as unknown as DraftFile,
			target: (_key, path) => (path === 'agenda.title' ? { key: 'demo-agenda-kg', field: 'title' } : null)
		},
		{
			entity: recommendationTexts,
			file: demoDrafts as unknown as DraftFile,
			target: (_key, path) => {
				const m = path.match(/^items\.(\d+)\.title$/);
				return m ? { key: `demo-kg-rec-${Number(m[1]) + 1}`, field: 'title' } : null;
			}
		}
	]
});
