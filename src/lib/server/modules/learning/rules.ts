/**
 * Which name and which rule the effective annual rate is shown with, by country. Only what the research
 * notes source (../shared/research/next-modules.md §C, references [57] and [59]) is stated here; no fee,
 * cap or rule is added. Tajikistan and Uzbekistan: the notes could not confirm a formula, so the rate is
 * labelled as Birge's own computation.
 */
export const RATE_COUNTRIES = ['KG', 'KZ', 'TJ', 'UZ'] as const;
export type RateCountry = (typeof RATE_COUNTRIES)[number];

export interface RateRule {
	/** The country whose regulator's term names the rate; null: Birge's own label. */
	country: 'KG' | 'KZ' | null;
	/** The citation: who issued it, the instrument, its number and date. English, for the API. */
	citation: string | null;
	/** Where the research notes read it. */
	sourceUrl: string | null;
	/** The research notes could not confirm that the rule is still in force. */
	asOfResearchNotes: boolean;
}

export const RATE_RULES: Record<'KG' | 'KZ', RateRule> = {
	KG: {
		country: 'KG',
		citation:
			'National Bank of the Kyrgyz Republic, Regulation No. 33/4 of 27 August 2008, as amended up to 27 April 2026: an effective annual rate including all fees, computed by iteration, rounded to one decimal and shown with the total cost of credit',
		sourceUrl: 'https://regalert.today/document/9840bc38-0738-40f9-83f6-3812346b2cd5/text',
		asOfResearchNotes: false
	},
	KZ: {
		country: 'KZ',
		citation:
			'National Bank of the Republic of Kazakhstan, Rules No. 137 of 26 March 2012: the annual effective rate of remuneration (ГЭСВ), rounded to 0.1',
		sourceUrl: 'https://brobank.kz/gesv',
		asOfResearchNotes: true
	}
};

const OWN: RateRule = { country: null, citation: null, sourceUrl: null, asOfResearchNotes: false };

export function rateRuleFor(country: string | null | undefined): RateRule {
	return country === 'KG' || country === 'KZ' ? RATE_RULES[country] : OWN;
}
