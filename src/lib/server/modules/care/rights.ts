import type { MessageKey } from '#lib/i18n/messages';
import type { CareSource } from './schema';
import { datedSources, type SeedService } from './seed';
import services from '../../../../../seed/care-services.json';
import coalitions from '../../../../../seed/coalitions.json';

/**
 * Plain-language facts about the law and public help, per country. Each one restates what a seed
 * file reports and carries that file's sources; nothing here goes beyond them. The text lives in
 * messages/<locale>/care.json under the fact's key.
 */
export interface RightsFact {
	key: MessageKey;
	sources: CareSource[];
}

const seedSources = datedSources(services.services as SeedService[]);
const from = (id: string) => seedSources.get(id) ?? [];

/** coalitions.json: the Uzbek coalition's advocacy outcome (WAGE Central Asia program report). */
function wageOutcome(): CareSource[] {
	const uz = (coalitions.coalitions as { country: string; outcomes?: { date: string | null }[] }[]).find(
		(c) => c.country === 'UZ'
	);
	const law = (uz?.outcomes as { title: string; date: string | null }[] | undefined)?.find((o) =>
		o.title.includes('Criminal Code')
	);
	return [
		{
			url: null,
			// Named by its public title and publisher, never by a file of this repository.
			note: `${coalitions.sources['wage-report'].title} — ${coalitions.sources['wage-report'].publisher}`,
			date: law?.date ?? null
		}
	];
}

const FACTS: Record<string, RightsFact[]> = {
	UZ: [
		{ key: 'care_rights_uz_law_2023', sources: wageOutcome() },
		{ key: 'care_rights_uz_protection_order', sources: from('uz-inson-centres') },
		{ key: 'care_rights_uz_services', sources: from('uz-inson-centres') },
		{ key: 'care_rights_uz_report', sources: from('uz-102-police') }
	],
	KG: [
		{ key: 'care_rights_kg_police', sources: from('kg-102-police') },
		{ key: 'care_rights_kg_legal_aid', sources: from('kg-state-legal-aid') },
		{ key: 'care_rights_kg_ombudsman', sources: from('kg-115-ombudsman-legal-advice') },
		{ key: 'care_rights_kg_crisis_centres', sources: from('kg-crisis-centres') }
	],
	KZ: [
		{ key: 'care_rights_kz_111', sources: from('kz-111-family-women-children') },
		{ key: 'care_rights_kz_crisis_centres', sources: from('kz-crisis-centres') }
	],
	TJ: [{ key: 'care_rights_tj_committee', sources: from('tj-committee-women-family-centres') }]
};

export function rightsFor(country: string): RightsFact[] {
	return FACTS[country] ?? [];
}
