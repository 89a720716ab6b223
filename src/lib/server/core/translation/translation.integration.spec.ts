import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, type TestDb } from '#lib/server/testing';
import {
	applyDrafts,
	carryProvenance,
	pickText,
	statusOf,
	type DraftFile,
	type I18nText
} from '#lib/server/core';
import { careService, program } from '#lib/server/db/schema';
import { care } from '#lib/server/modules/care';
import { programs, programsModule } from '#lib/server/modules/programs';
import { coalitions } from '#lib/server/modules/coalitions';
import careDrafts from '../../../../../seed/translations/care-services.json';
import programDrafts from '../../../../../seed/translations/programs.json';

const NOW = new Date('2026-12-01T09:00:00Z');
let db: TestDb;
const programTexts = programsModule.translatable![0];

beforeAll(async () => {
	db = await createTestDb({ seed: true });
});
afterAll(async () => db?.close());

const CYRILLIC = /[а-яёўқғҳ]/i;

describe('seeded content in six languages', () => {
	it('gives every help entry its name in every language, marked as a machine draft where it is one', async () => {
		const rows = await db.handle.db.select().from(careService);
		expect(rows.length).toBeGreaterThan(10);
		for (const r of rows) {
			const entry = (
				careDrafts.entries as Record<string, Record<string, { status: Record<string, string> }>>
			)[r.id];
			if (!entry?.name) continue;
			for (const l of ['ky', 'kk', 'tg', 'uz', 'ru', 'en'] as const) {
				expect(r.name[l], `${r.id}.${l}`).toBeTruthy();
				const expected = entry.name.status[l] === 'machine-draft' ? 'machine-draft' : 'source';
				expect(statusOf(r.name, l), `${r.id}.${l}`).toBe(expected);
			}
			expect(r.name.$src).toBe('en');
		}
	});

	it('shows the Kyrgyz and Tajik directory in Kyrgyz and Tajik, with the draft mark, and English as the source', async () => {
		for (const locale of ['ky', 'tg'] as const) {
			const list = await care.findServices(db.ctx({ locale, now: NOW }));
			expect(list.length).toBeGreaterThan(3);
			for (const s of list) {
				expect(s.name.locale).toBe(locale);
				expect(s.name.fallback).toBe(false);
				expect(s.name.text).toMatch(CYRILLIC);
				expect(s.name.draft).toBe(true);
			}
		}
		const en = await care.findServices(db.ctx({ locale: 'en', now: NOW }));
		expect(en.every((s) => !s.name.draft && s.name.locale === 'en')).toBe(true);
	});

	it('reads Uzbek Cyrillic from the Uzbek text, transliterated', async () => {
		const [uz, cyrl] = await Promise.all([
			care.findServices(db.ctx({ locale: 'uz', now: NOW })),
			care.findServices(db.ctx({ locale: 'uz-Cyrl', now: NOW }))
		]);
		expect(cyrl.length).toBe(uz.length);
		for (const s of cyrl) {
			expect(s.name.locale).toBe('uz-Cyrl');
			expect(s.name.fallback).toBe(false);
			expect(s.name.text).toMatch(CYRILLIC);
			expect(s.name.text).not.toMatch(/[ʻʼ]/);
		}
		expect(uz[0].name.text).not.toMatch(CYRILLIC);
	});

	it('gives programs their titles and summaries in Kyrgyz, marked as drafts', async () => {
		const slug = 'kg-msme-interest-free-loans';
		const p = await programs.getProgram(db.ctx({ locale: 'ky', now: NOW }), slug);
		const draft = (
			programDrafts.entries as unknown as Record<string, Record<string, Record<string, string>>>
		)[slug];
		expect(p.title).toBe(draft.title.ky);
		expect(p.titleFallback).toBeNull();
		expect(p.titleDraft).toBe(true);
		expect(p.summary).toBe(draft.summary.ky);
		expect(p.summaryDraft).toBe(true);
		const en = await programs.getProgram(db.ctx({ locale: 'en', now: NOW }), slug);
		expect(en.titleDraft).toBe(false);
	});

	it('gives coalitions their names in Tajik', async () => {
		const list = await coalitions.listCoalitions(db.ctx({ locale: 'tg', now: NOW }));
		const tj = list.coalitions.find((c) => c.country === 'TJ');
		expect(tj?.name.fallbackLocale).toBeNull();
		expect(tj?.name.text).toMatch(CYRILLIC);
	});
});

describe('provenance', () => {
	it('never replaces a text a person wrote, and records it as reviewed by the curator', async () => {
		const slug = 'kg-social-contract';
		const [row] = await db.handle.db.select().from(program).where(eq(program.slug, slug));
		const mine: I18nText = { ...row.title, ky: 'Социалдык келишим (куратор жазган)' };
		delete mine.$p?.ky;
		await db.handle.db
			.update(program)
			.set({ title: mine, createdBy: 'curator-1' })
			.where(eq(program.id, row.id));
		await applyDrafts(
			db.ctx({ now: NOW }),
			programTexts,
			programDrafts as unknown as DraftFile,
			(key, path) => ({
				key,
				field: path
			})
		);
		const [after] = await db.handle.db.select().from(program).where(eq(program.id, row.id));
		expect(after.title.ky).toBe('Социалдык келишим (куратор жазган)');
		expect(after.title.$p?.ky).toMatchObject({ status: 'reviewed', by: 'curator-1' });
		expect(statusOf(after.title, 'kk')).toBe('machine-draft');
		const ky = await programs.getProgram(db.ctx({ locale: 'ky', now: NOW }), slug);
		expect(ky.titleDraft).toBe(false);
	});

	it('adds no draft when the source text was rewritten (a draft of another text would mislead)', async () => {
		const slug = 'kg-sme-programme-2030';
		const [row] = await db.handle.db.select().from(program).where(eq(program.slug, slug));
		const rewritten: I18nText = { en: 'A curator rewrote this summary.', $src: 'en' };
		await db.handle.db.update(program).set({ summary: rewritten }).where(eq(program.id, row.id));
		await applyDrafts(
			db.ctx({ now: NOW }),
			programTexts,
			programDrafts as unknown as DraftFile,
			(key, path) => ({
				key,
				field: path
			})
		);
		const [after] = await db.handle.db.select().from(program).where(eq(program.id, row.id));
		expect(after.summary.en).toBe('A curator rewrote this summary.');
		expect(after.summary.ky).toBeUndefined();
	});

	it('keeps drafts as drafts through an edit of another language, and marks what the person changed', () => {
		const seeded: I18nText = {
			en: 'Grants',
			ky: 'Гранттар',
			kk: 'Гранттар',
			$src: 'en',
			$p: { ky: { status: 'machine-draft', by: null }, kk: { status: 'machine-draft', by: null } }
		};
		const edited = carryProvenance(
			seeded,
			{ en: 'Grants', ky: 'Гранттар', kk: 'Гранттар (тексерілді)' },
			{ by: 'tr-1', at: NOW }
		);
		expect(statusOf(edited, 'ky')).toBe('machine-draft');
		expect(edited.$p?.kk).toMatchObject({ status: 'reviewed', by: 'tr-1', at: NOW.toISOString() });
		expect(pickText(edited, 'ky')?.draft).toBe(true);
		expect(pickText(edited, 'kk')?.draft).toBe(false);
		expect(statusOf(edited, 'en')).toBe('source');
	});

	it('keeps the translations when a seed rewrites the source texts it carries', () => {
		const stored: I18nText = {
			en: 'Grants',
			ky: 'Гранттар',
			$src: 'en',
			$p: { ky: { status: 'machine-draft', by: null } }
		};
		const next = carryProvenance(stored, { en: 'Grants', ru: 'Гранты' }, { by: null, at: NOW, seed: true });
		expect(next.ky).toBe('Гранттар');
		expect(statusOf(next, 'ky')).toBe('machine-draft');
		expect(statusOf(next, 'ru')).toBe('source');
	});
});
