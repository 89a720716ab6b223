import { sql } from 'drizzle-orm';
import { country, division } from '../schema';
import type { I18nText } from '../text';
import { normaliseUzbekApostrophes } from '../text';
import type { Seed } from '../registry';
import { COUNTRIES, countryName } from '#lib/i18n/format';
import { LOCALES } from '#lib/i18n/locales';
import adminDivisions from '../../../../../seed/admin-divisions.json';
import kgSoate from '../../../../../seed/kg-soate.json';

const CURRENCY: Record<string, string> = { KG: 'KGS', KZ: 'KZT', TJ: 'TJS', UZ: 'UZS' };
const TIME_ZONE: Record<string, string> = {
	KG: 'Asia/Bishkek',
	KZ: 'Asia/Almaty',
	TJ: 'Asia/Dushanbe',
	UZ: 'Asia/Tashkent'
};

type AdminRow = Record<string, unknown> & { iso: string; type: string; sources?: Record<string, string> };
type SoateRow = {
	soate: string;
	parent_soate: string | null;
	level: string;
	name_ru: string | null;
	name_ky: string | null;
	name_en: string | null;
	iso: string | null;
};

const SOATE_LEVEL: Record<string, { level: number; kind: string }> = {
	L1: { level: 1, kind: 'region' },
	district_or_city_of_regional_significance: { level: 2, kind: 'district' },
	ayil_aimak_or_town_of_district_significance: { level: 3, kind: 'ayil_aimak' },
	settlement_village: { level: 4, kind: 'village' }
};

/** «г. Бишкек / город Бишкек» → «г. Бишкек»: the source lists variants; the first is shown. */
const first = (v: unknown) => (typeof v === 'string' && v.trim() ? v.split(' / ')[0].trim() : undefined);

function clean(text: I18nText): I18nText {
	return Object.fromEntries(Object.entries(text).filter(([, v]) => v)) as I18nText;
}

export function countryRows() {
	return COUNTRIES.map((code) => ({
		code,
		name: Object.fromEntries(LOCALES.map((l) => [l, countryName(l, code)])) as I18nText,
		currency: CURRENCY[code],
		timeZone: TIME_ZONE[code]
	}));
}

export function divisionRows() {
	const rows: (typeof division.$inferInsert)[] = [];
	const byCountry = adminDivisions.countries as unknown as Record<string, AdminRow[]>;
	const soateToIso = new Map<string, string>();
	for (const [code, list] of Object.entries(byCountry)) {
		for (const r of list) {
			if (typeof r.soate === 'string') soateToIso.set(r.soate, r.iso);
			const uz = first(r.name_uz_latn);
			rows.push({
				code: r.iso,
				country: code,
				parentCode: null,
				level: 1,
				kind: r.type,
				iso: r.iso,
				soate: typeof r.soate === 'string' ? r.soate : null,
				name: clean({
					en: first(r.name_en),
					ru: first(r.name_ru),
					ky: first(r.name_ky),
					kk: first(r.name_kk),
					tg: first(r.name_tg),
					uz: uz ? normaliseUzbekApostrophes(uz) : undefined
				}),
				sources: r.sources ?? {}
			});
		}
	}
	for (const r of (kgSoate as unknown as { rows: SoateRow[] }).rows) {
		if (r.level === 'L1') continue; // first level comes from admin-divisions (more languages)
		const meta = SOATE_LEVEL[r.level];
		if (!meta) continue;
		const parent = r.parent_soate ? (soateToIso.get(r.parent_soate) ?? r.parent_soate) : null;
		rows.push({
			code: r.soate,
			country: 'KG',
			parentCode: parent,
			level: meta.level,
			kind: meta.kind,
			iso: null,
			soate: r.soate,
			name: clean({ ru: r.name_ru ?? undefined, ky: r.name_ky ?? undefined, en: r.name_en ?? undefined }),
			sources: { all: 'kg_soate (SOATE 2021 snapshot; ayil aimaks predate the 2024 reform)' }
		});
	}
	return rows;
}

export const referenceSeed: Seed = {
	name: 'core.reference',
	version: '1',
	kind: 'reference',
	async run(ctx) {
		for (const row of countryRows()) {
			await ctx.db
				.insert(country)
				.values(row)
				.onConflictDoUpdate({
					target: country.code,
					set: { name: row.name, currency: row.currency, timeZone: row.timeZone }
				});
		}
		const rows = divisionRows();
		for (let i = 0; i < rows.length; i += 500) {
			await ctx.db
				.insert(division)
				.values(rows.slice(i, i + 500))
				.onConflictDoUpdate({
					target: division.code,
					set: {
						name: sql`excluded.name`,
						parentCode: sql`excluded.parent_code`,
						kind: sql`excluded.kind`,
						sources: sql`excluded.sources`
					}
				});
		}
	}
};
