import { describe, expect, it } from 'vitest';
import { pickText, reviewIsStale, statusOf, textHash, type I18nText } from '../text';
import { mergeDraft, backfillText } from './drafts';
import { isPrivatePath, negotiateLocale } from '#lib/server/web/locale';
import { loggablePath } from '#lib/server/web/secret-paths.js';

const draft = {
	source: 'Police',
	sourceLocale: 'en',
	en: 'Police',
	ru: 'Полиция',
	ky: 'Милиция',
	uz: 'Politsiya',
	status: { en: 'source', ru: 'machine-draft', ky: 'machine-draft', uz: 'machine-draft' }
};

describe('picking a text with its provenance', () => {
	it('marks a machine draft, and not a source or a reviewed text', () => {
		const text: I18nText = {
			en: 'Police',
			ky: 'Милиция',
			ru: 'Полиция',
			$src: 'en',
			$p: {
				ky: { status: 'machine-draft' },
				ru: { status: 'reviewed', by: 'u1', sourceHash: textHash('Police') }
			}
		};
		expect(pickText(text, 'ky')).toEqual({ text: 'Милиция', locale: 'ky', fallback: false, draft: true });
		expect(pickText(text, 'ru')?.draft).toBe(false);
		expect(pickText(text, 'en')?.draft).toBe(false);
		expect(pickText(text, 'kk')).toMatchObject({ locale: 'ru', fallback: true, draft: false });
	});

	it('reads uz-Cyrl from the Uzbek Latin text unless a person wrote Cyrillic', () => {
		expect(pickText({ uz: 'Oʻzbekiston', en: 'Uzbekistan' }, 'uz-Cyrl')).toEqual({
			text: 'Ўзбекистон',
			locale: 'uz-Cyrl',
			fallback: false,
			draft: false
		});
		expect(pickText({ uz: 'Toshkent', 'uz-Cyrl': 'Тошкент шаҳри' }, 'uz-Cyrl')?.text).toBe('Тошкент шаҳри');
		expect(pickText({ ru: 'Ташкент' }, 'uz-Cyrl')).toMatchObject({ locale: 'ru', fallback: true });
		expect(pickText({ uz: 'Yoʻl', $p: { uz: { status: 'machine-draft' } } }, 'uz-Cyrl')).toMatchObject({
			text: 'Йўл',
			draft: true
		});
	});

	it('says when a reviewed translation was checked against a source that has changed since', () => {
		const text: I18nText = {
			en: 'Police, 24 hours',
			ru: 'Полиция',
			$src: 'en',
			$p: { ru: { status: 'reviewed', by: 'u1', sourceHash: textHash('Police') } }
		};
		expect(reviewIsStale(text, 'ru')).toBe(true);
		expect(reviewIsStale({ ...text, en: 'Police' }, 'ru')).toBe(false);
	});
});

describe('merging drafts into stored text', () => {
	it('fills what is missing with the draft and its status', () => {
		const merged = mergeDraft({ en: 'Police' }, draft);
		expect(merged).toMatchObject({ en: 'Police', ru: 'Полиция', ky: 'Милиция', $src: 'en' });
		expect(statusOf(merged, 'ky')).toBe('machine-draft');
		expect(statusOf(merged, 'en')).toBe('source');
	});

	it('keeps a text a person wrote and a review already recorded', () => {
		const merged = mergeDraft(
			{
				en: 'Police',
				ky: 'Милиция (текшерилген)',
				uz: 'Politsiya',
				$p: { uz: { status: 'reviewed', by: 'u2' } }
			},
			draft,
			'curator-1',
			'2026-01-01T00:00:00.000Z'
		);
		expect(merged.ky).toBe('Милиция (текшерилген)');
		expect(merged.$p?.ky).toEqual({ status: 'reviewed', by: 'curator-1', at: '2026-01-01T00:00:00.000Z' });
		expect(merged.$p?.uz).toEqual({ status: 'reviewed', by: 'u2' });
	});

	it('adds no draft when the source text differs from the one translated', () => {
		const merged = mergeDraft({ en: 'Police (rewritten)' }, draft);
		expect(merged.ky).toBeUndefined();
		expect(merged.ru).toBeUndefined();
	});

	it('migrates old text: the source language, and a curator’s translations as reviewed by her', () => {
		expect(backfillText({ en: 'A', ru: 'Б' }, null, 'x')).toEqual({ en: 'A', ru: 'Б', $src: 'en' });
		expect(backfillText({ ru: 'Б', ky: 'В' }, 'c1', '2026-01-01')).toEqual({
			ru: 'Б',
			ky: 'В',
			$src: 'ru',
			$p: { ky: { status: 'reviewed', by: 'c1', at: '2026-01-01' } }
		});
		expect(backfillText({ en: 'A', $src: 'en' }, null, 'x')).toBeNull();
	});
});

describe('uz-Cyrl in routing', () => {
	it('is chosen by Accept-Language and keeps the help pages private', () => {
		const request = new Request('http://localhost/', { headers: { 'accept-language': 'uz-Cyrl-UZ' } });
		expect(negotiateLocale(request, undefined, new URL('http://localhost/'))).toBe('uz-Cyrl');
		expect(isPrivatePath('/uz-Cyrl/care')).toBe(true);
		expect(isPrivatePath('/uz-Cyrl/exit')).toBe(true);
		expect(loggablePath('/uz-Cyrl/auth/reset/secret-token')).not.toContain('secret-token');
	});
});
