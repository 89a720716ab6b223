import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { actor, createTestDb, type TestDb } from '#lib/server/testing';
import { reviewTranslation, translationField, translationQueue, unitsOf } from '#lib/server/core';
import { initiative } from '#lib/server/db/schema';
import { MODULES } from '#lib/server/modules';
import { coalitions, coalitionsModule } from './index';
import drafts from '../../../../../seed/translations/coalitions.json';
import data from '../../../../../seed/coalitions.json';

/**
 * The initiative's texts in her language (issue 18): its name, goals, barriers, partners, the note on
 * women represented and the media channels, from the six-language drafts, each marked a machine draft
 * until a translator reviews it; the row keeps the text as published.
 */
const NOW = new Date('2026-12-01T12:00:00Z');
type Drafts = Record<string, Record<string, Record<string, string>>>;
const entry = (drafts.entries as unknown as Drafts).initiative;
const kyTranslator = actor('tr-ky', [
	{ role: 'translator', country: null, organizationId: null, locale: 'ky' }
]);
let db: TestDb;

beforeAll(async () => {
	db = await createTestDb({ seed: true });
});
afterAll(async () => db?.close());

describe('the initiative in her language', () => {
	it('shows goals, barriers, partners and the channels in Kyrgyz, marked as machine drafts', async () => {
		const ky = (await coalitions.listCoalitions(db.ctx({ locale: 'ky', now: NOW }))).initiative!;
		const drafted = { fallbackLocale: null, draft: true };
		expect(ky.name).toEqual({ text: entry.name.ky, ...drafted });
		expect(ky.goals).toEqual(
			data.initiative.goals.map((_, i) => ({ text: entry[`goals.${i}`].ky, ...drafted }))
		);
		expect(ky.barriers).toEqual(
			data.initiative.barriers.map((_, i) => ({ text: entry[`barriers.${i}`].ky, ...drafted }))
		);
		expect(ky.partners.map((p) => p.text)).toEqual(
			data.initiative.partners.map((_, i) => entry[`partners.${i}`].ky)
		);
		expect(ky.mediaReach.map((m) => [m.people, m.channel.text])).toEqual(
			data.initiative.mediaReach.map((m, i) => [m.people, entry[`mediaReach.${i}.channel`].ky])
		);
		expect(ky.womenRepresented).toMatchObject({
			value: 46000,
			note: { text: entry['womenRepresented.note'].ky, draft: true }
		});
		// English is the source: no note; the row itself keeps only the published text.
		const en = (await coalitions.listCoalitions(db.ctx({ locale: 'en', now: NOW }))).initiative!;
		expect(en.goals).toEqual(
			data.initiative.goals.map((text) => ({ text, fallbackLocale: null, draft: false }))
		);
		const [row] = await db.handle.db.select().from(initiative).where(eq(initiative.id, 'wage'));
		expect(row.name).toBe(data.initiative.name);
		expect((row.data as { goals: string[] }).goals).toEqual(data.initiative.goals);
	});

	it('shows the sources’ titles and the leader’s name in Kyrgyz, on the pages and in the timeline', async () => {
		const ctx = db.ctx({ locale: 'ky', now: NOW });
		const list = await coalitions.listCoalitions(ctx);
		const wage = (drafts.entries as unknown as Drafts)['sources.wage-report'];
		expect(list.sources.find((s) => s.key === 'wage-report')).toMatchObject({
			title: `${wage.title.ky} — ${wage.publisher.ky}`,
			draft: true,
			fallbackLocale: null
		});
		const kg = await coalitions.getCoalition(ctx, 'kg');
		const kgEntry = (drafts.entries as unknown as Drafts).kg;
		expect(kg.leadership?.person).toEqual({
			text: kgEntry['leadership.person'].ky,
			fallbackLocale: null,
			draft: true
		});
		const evidence = kg.items.flatMap((i) => i.timeline).flatMap((e) => e.evidence);
		const cited = evidence.find((e) => e.kind === 'source' && e.sourceKey === 'wage-report');
		expect(cited?.title).toBe(`${wage.title.ky} — ${wage.publisher.ky}`);
		// In English: as published, no note; the API's sources are as they were (key, title, url).
		const en = await coalitions.listCoalitions(db.ctx({ locale: 'en', now: NOW }));
		const published = data.sources['wage-report'];
		expect(en.sources.find((s) => s.key === 'wage-report')).toMatchObject({
			title: `${published.title} — ${published.publisher}`,
			draft: false
		});
		const api = await coalitions.coalitionsForApi(db.ctx({ locale: 'ky', now: NOW }), 'https://birge.test');
		expect(Object.keys(api.sources[0]).sort()).toEqual(['key', 'title', 'url']);
	});

	it('shows an instrument’s name and body and the item’s target body in Tajik, marked as drafts', async () => {
		const tj = await coalitions.getCoalition(db.ctx({ locale: 'tg', now: NOW }), 'tj');
		const tjEntry = (drafts.entries as unknown as Drafts).tj;
		const item = tj.items.find((i) => i.id === 'tj-reported-1')!;
		expect(item).toMatchObject({
			targetBody: tjEntry['outcomes.0.instrument.body'].tg,
			targetBodyDraft: true
		});
		const entry = item.timeline.find((e) => e.id === 'tj-reported-1-entry-1')!;
		expect(entry.instrument).toMatchObject({
			name: tjEntry['outcomes.0.instrument.reference'].tg,
			body: tjEntry['outcomes.0.instrument.body'].tg,
			draft: true
		});
		// In English, as the source gives them, with no draft mark.
		const en = await coalitions.getCoalition(db.ctx({ locale: 'en', now: NOW }), 'tj');
		const enItem = en.items.find((i) => i.id === 'tj-reported-1')!;
		expect(enItem).toMatchObject({
			targetBody: tjEntry['outcomes.0.instrument.body'].en,
			targetBodyDraft: false
		});
		expect(enItem.timeline[0].instrument).not.toHaveProperty('draft');
	});

	it('reads Uzbek Cyrillic from the Uzbek draft, transliterated', async () => {
		const cyrl = (await coalitions.listCoalitions(db.ctx({ locale: 'uz-Cyrl', now: NOW }))).initiative!;
		expect(cyrl.barriers[0]).toMatchObject({ fallbackLocale: null, draft: true });
		expect(cyrl.barriers[0].text).toMatch(/[а-яўқғҳ]/i);
		expect(cyrl.barriers[0].text).not.toMatch(/[a-z]{4}/);
	});

	it('lists them in the workspace and the exports; a review removes the draft mark and survives the seed', async () => {
		const ctx = db.ctx({ actor: kyTranslator, locale: 'ky', now: NOW });
		const queue = await translationQueue(ctx, MODULES, { locale: 'ky', module: 'coalitions', limit: 5000 });
		const fields = queue.items.filter((i) => i.entity === 'coalitions.initiative').map((i) => i.field);
		for (const f of ['name', 'goals.0', 'goals.1', 'barriers.3', 'partners.2', 'mediaReach.1.channel'])
			expect(fields).toContain(f);
		const counts = queue.counts.find((c) => c.entity === 'coalitions.initiative' && c.locale === 'ky');
		expect(counts?.draft).toBe(fields.length);
		const units = await unitsOf(ctx, MODULES, 'ky');
		expect(units.map((u) => u.id)).toContain('coalitions.initiative|wage|goals.0');

		const input = { entity: 'coalitions.initiative', id: 'wage', field: 'goals.0', locale: 'ky' };
		const before = await translationField(ctx, MODULES, input);
		expect(before).toMatchObject({
			state: 'machine-draft',
			sourceLocale: 'en',
			source: data.initiative.goals[0],
			target: entry['goals.0'].ky
		});
		await reviewTranslation(ctx, MODULES, input);
		expect((await translationField(ctx, MODULES, input)).state).toBe('reviewed');
		const page = (await coalitions.listCoalitions(db.ctx({ locale: 'ky', now: NOW }))).initiative!;
		expect(page.goals[0]).toEqual({ text: entry['goals.0'].ky, fallbackLocale: null, draft: false });
		expect(page.goals[1].draft).toBe(true);

		// The reference seed and the drafts seed run again: her review stays.
		for (const name of ['coalitions.reported', 'coalitions.translations'])
			await coalitionsModule.seeds!.find((s) => s.name === name)!.run(db.ctx({ now: NOW }));
		expect((await translationField(ctx, MODULES, input)).state).toBe('reviewed');
		expect(
			(await coalitions.listCoalitions(db.ctx({ locale: 'ky', now: NOW }))).initiative!.goals[0].draft
		).toBe(false);
	});
});
