import { describe, expect, it } from 'vitest';
import { isOfficialNumber, isOfficialSource } from './directory';

/** Fixtures, not the seed: the rule must hold whichever version of care-services.json is loaded. */
const entry = (over: Partial<Parameters<typeof isOfficialNumber>[0]> = {}) => ({
	kind: 'police' as const,
	confidence: 'A' as const,
	phones: [{ display: '102', tel: 'tel:102' }] as never,
	sources: [{ url: 'https://www.gov.kz/memleket/entities/qriim/press', note: null, date: '2025-01-10' }],
	...over
});

describe('the "may have changed" warning', () => {
	it('is replaced by the confirmation date for official police and emergency numbers', () => {
		expect(isOfficialNumber(entry())).toBe(true);
		expect(isOfficialNumber(entry({ kind: 'emergency' }))).toBe(true);
		expect(
			isOfficialNumber(
				entry({ sources: [{ url: 'https://khovar.tj/rus/2025/03/x', note: null, date: null }] })
			)
		).toBe(true);
	});

	it('stays for hotlines, organisations, lower confidence and unofficial sources', () => {
		expect(isOfficialNumber(entry({ kind: 'hotline' }))).toBe(false);
		expect(isOfficialNumber(entry({ kind: 'crisis_centre' }))).toBe(false);
		expect(isOfficialNumber(entry({ confidence: 'B' }))).toBe(false);
		expect(isOfficialNumber(entry({ phones: [] }))).toBe(false);
		expect(
			isOfficialNumber(entry({ sources: [{ url: 'https://24.kg/obschestvo/1', note: null, date: '2025' }] }))
		).toBe(false);
	});

	it('knows official hosts and nothing that only looks like one', () => {
		expect(isOfficialSource('https://mlsp.gov.kg/2023/x')).toBe(true);
		expect(isOfficialSource('https://lex.uz/docs/1')).toBe(true);
		expect(isOfficialSource('https://gov.kz.example.com/')).toBe(false);
		expect(isOfficialSource('not a url')).toBe(false);
		expect(isOfficialSource(null)).toBe(false);
	});
});
