import { describe, expect, it } from 'vitest';
import { dateFromNote, dateFromUrl, datedSources, earliestDay, seedPlan, type SeedService } from './seed';
import { isStale, phoneLink, staleFrom } from './views';
import data from '../../../../../seed/care-services.json';
import { catalogs } from '#lib/i18n/messages';
import { LOCALES } from '#lib/i18n/locales';

const services = data.services as SeedService[];

describe('seed dates', () => {
	it('reads a date at the start of a source note, as precise as it is', () => {
		expect(dateFromNote('2023-10-16, citing government site')).toBe('2023-10-16');
		expect(dateFromNote('2025: 47,302 calls in 8 months')).toBe('2025');
		expect(dateFromNote('2018, launched by Women’s Committee')).toBe('2018');
		expect(dateFromNote('operating since 2007; 2.5m calls in 16 years')).toBeNull();
		expect(dateFromNote(null)).toBeNull();
	});

	it('reads /YYYY/MM/DD/ and /YYYY/MM/ from addresses, never a bare year', () => {
		expect(dateFromUrl('https://kloop.kg/blog/2023/08/11/kak-krizisnye')).toBe('2023-08-11');
		expect(dateFromUrl('https://eca.unwomen.org/en/news/stories/2016/10/kazakhstans')).toBe('2016-10');
		expect(
			dateFromUrl('https://evaw-global-database.unwomen.org/en/countries/asia/tajikistan/2009/x')
		).toBeNull();
		expect(earliestDay('2025')).toBe('2025-01-01');
		expect(earliestDay('2016-10')).toBe('2016-10-01');
	});

	it('dates a source by the same address elsewhere in the file', () => {
		const dated = datedSources(services);
		expect(dated.get('uz-112-emergency')?.[0]).toMatchObject({
			url: 'https://nova24.uz/234775',
			date: '2024-06-26'
		});
	});
});

describe('seed plan', () => {
	const plan = new Map(seedPlan().map((p) => [p.service.id, p]));

	it('publishes only publish:true A/B entries with a dated source, confirmed by "source" on that date', () => {
		for (const s of services) {
			const p = plan.get(s.id)!;
			if (p.service.state === 'published') {
				expect(s.publish).toBe(true);
				expect(['A', 'B']).toContain(s.confidence);
				expect(p.confirmation).toMatchObject({ method: 'source', confirmedOn: p.service.lastConfirmedOn });
			} else {
				expect(p.confirmation).toBeNull();
				expect(p.service.lastConfirmedOn).toBeNull();
			}
		}
		expect(plan.get('kg-111-helpline')?.service.lastConfirmedOn).toBe('2025-01-01');
		// care-services.json v2 added a dated source (2024-06-27) for Uzbekistan's 102.
		expect(plan.get('uz-102-police')?.service.lastConfirmedOn).toBe('2024-06-27');
		// v2: Kazakhstan's 150 moved back to review (confidence C, no dated source), its 102 published.
		expect(plan.get('kz-150-helpline')?.service).toMatchObject({
			state: 'review',
			reviewReason: 'care_reason_unverified'
		});
		expect(plan.get('kz-102-police')?.service.state).toBe('published');
		expect(plan.get('uz-2020-quarantine-line')?.service.state).toBe('retired');
	});

	it('keeps every phone number exactly as the seed writes it', () => {
		for (const s of services) expect(plan.get(s.id)?.service.phones).toEqual(s.phone ? [s.phone] : []);
	});
});

describe('phones and staleness', () => {
	it('links one dialable number and only shows anything else', () => {
		expect(phoneLink('111')).toEqual({ display: '111', tel: 'tel:111' });
		expect(phoneLink('+998 97 137 24 24').tel).toBe('tel:+998971372424');
		expect(phoneLink('8 (3222) 2-25-86; 2-78-79').tel).toBeNull();
	});

	it('turns stale six calendar months after the confirmation', () => {
		expect(staleFrom('2026-01-15')).toBe('2026-07-15');
		expect(staleFrom('2025-08-31')).toBe('2026-02-28');
		expect(isStale('2026-01-15', new Date('2026-07-14T23:00:00Z'))).toBe(false);
		expect(isStale('2026-01-15', new Date('2026-07-15T00:00:00Z'))).toBe(true);
		expect(isStale(null, new Date())).toBe(true);
	});
});

describe('neutral wording', () => {
	// Word stems for violence and abuse in the six languages (and English "GBV").
	const STEMS = /violen|abus|gbv|насил|жесток|зомбул|зорлы|зӯровар|zoʻravon|zo'ravon|зўравон|zulm/i;
	const NEUTRAL = [
		'home_module_care_title',
		'care_title',
		'care_plan_title',
		'care_browsing_title',
		'care_review_title',
		'care_exit',
		'care_nav_directory',
		'care_choose_heading',
		'care_emergency_heading',
		'care_other_heading',
		'care_rights_heading'
	];

	it.each(LOCALES)('keeps titles, headings and the exit control neutral in %s', (locale) => {
		for (const key of NEUTRAL) {
			const value = catalogs[locale][key];
			expect(typeof value, `${locale}.${key}`).toBe('string');
			expect(value as string, `${locale}.${key}`).not.toMatch(STEMS);
		}
	});

	it('would notice such a word (the check can fail)', () => {
		expect('Домашнее насилие').toMatch(STEMS);
		expect('Oilaviy zoʻravonlik').toMatch(STEMS);
		expect('Үй-бүлөлүк зомбулук').toMatch(STEMS);
	});
});

describe('OpenAPI', () => {
	it('documents the services endpoint from the zod views, and every reference resolves', async () => {
		const { openapi } = await import('./openapi');
		const { serviceView } = await import('./views');
		expect(Object.keys(openapi.paths)).toEqual(['/care/services']);
		const schemas = (openapi.schemas ?? {}) as Record<string, { required?: string[] }>;
		expect(schemas.CareService.required?.sort()).toEqual(Object.keys(serviceView.shape).sort());
		const refs = [...JSON.stringify(openapi).matchAll(/#\/components\/schemas\/(\w+)/g)].map((m) => m[1]);
		expect(refs).toContain('CareServices');
		const known = new Set([...Object.keys(schemas), 'Error']);
		expect(refs.filter((r) => !known.has(r))).toEqual([]);
	});
});
