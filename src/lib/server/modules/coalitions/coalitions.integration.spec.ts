import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb } from '#lib/server/testing';
import { coalitions } from './index';
import { type Actor, type ServiceContext } from '#lib/server/core';
import {
	addItemAs,
	admin,
	kgCoordinator,
	kzCoordinator,
	setUpCoalitions,
	tearDownCoalitions
} from './testing';

/** Coalitions: the seeded coalitions, profiles, wording, new coalitions and agendas. */
let db: TestDb;
let staffA: Actor;
let world: Awaited<ReturnType<typeof setUpCoalitions>> | undefined;

const ctx = (a: Actor, now?: Date): ServiceContext => db.ctx({ actor: a, now });
const addItem = (a: Actor, slug: string, title: string, extra: Record<string, unknown> = {}) =>
	addItemAs(ctx(a), slug, title, extra);

beforeAll(async () => {
	world = await setUpCoalitions();
	({ db, staffA } = world);
});
afterAll(async () => tearDownCoalitions(world ?? {}));

describe('seed', () => {
	it('seeds the four coalitions exactly as reported, each outcome with its reported status and source', async () => {
		const list = await coalitions.listCoalitions(ctx(admin));
		expect(list.coalitions.map((c) => c.slug)).toEqual(['kg', 'kz', 'tj', 'uz']);
		const kg = list.coalitions.find((c) => c.slug === 'kg')!;
		// Figures' notes come in her language (here English, the source), with their draft marks.
		const note = (text: string) => ({ text, fallbackLocale: null, draft: false });
		expect(kg.reported).toEqual([
			{ members: 22, source: 'kg-article', note: note('at formation') },
			{ members: 31, womenRepresented: 41535, source: 'cipe', note: note('later count') }
		]);
		expect(kg.registeredMembers).toBe(0);
		expect(list.coalitions.find((c) => c.slug === 'tj')!.adoption).toEqual({ adopted: 11, total: 13 });
		expect(list.coalitions.find((c) => c.slug === 'kz')!.adoption).toEqual({ adopted: 1, total: 2 });
		expect(list.sources.find((s) => s.key === 'cipe')?.url).toBe('https://cipe.org/?p=52670');

		const uz = await coalitions.listItems(ctx(admin), 'uz');
		expect(uz).toHaveLength(1);
		expect(uz[0].timeline).toHaveLength(1);
		expect(uz[0].timeline[0]).toMatchObject({
			date: '2023-04',
			status: 'adopted',
			evidence: [{ kind: 'source', sourceKey: 'wage-report', url: null }],
			instrument: {
				type: 'law',
				name: 'law criminalizing domestic violence, April 2023',
				number: null,
				clause: null
			}
		});
		const kgItems = await coalitions.listItems(ctx(admin), 'kg');
		// The source's own word is kept beside Birge's status; its missing date stays missing.
		expect(kgItems[0].timeline[0]).toMatchObject({
			status: 'under_consideration',
			reportedStatus: 'in_progress',
			date: null
		});
		const tj = await coalitions.listItems(ctx(admin), 'tj');
		expect(tj.find((i) => i.kind === 'aggregate')?.aggregate).toEqual({ adopted: 10, total: 12 });
	});
});

describe('profile', () => {
	it('is written per language by coordinators, and read with a fallback notice', async () => {
		await expect(
			coalitions.updateProfile(ctx(kzCoordinator), 'kg', { profile: { ru: 'x' } })
		).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		await coalitions.updateProfile(ctx(kgCoordinator), 'kg', {
			profile: { ru: 'Коалиция', ky: 'Коалиция ky', en: '' }
		});
		expect(await coalitions.getProfile(ctx(kgCoordinator), 'kg')).toEqual({
			ru: 'Коалиция',
			ky: 'Коалиция ky'
		});
		const kk = await coalitions.getCoalition(db.ctx({ locale: 'kk' }), 'kg');
		expect(kk.profile).toEqual({ text: 'Коалиция', fallbackLocale: 'ru', draft: false });
	});

	it('refuses an empty form, which would erase the profile, and changes nothing', async () => {
		const before = await coalitions.getProfile(ctx(kgCoordinator), 'kg');
		for (const profile of [{}, { ru: '', en: '   ' }]) {
			await expect(coalitions.updateProfile(ctx(kgCoordinator), 'kg', { profile })).rejects.toMatchObject({
				code: 'INVALID',
				fields: { profile: { key: 'coalitions_error_profile_empty' } }
			});
		}
		expect(await coalitions.getProfile(ctx(kgCoordinator), 'kg')).toEqual(before);
	});
});

describe('wording and new coalitions', () => {
	it('coordinators edit wording and translations; reported outcomes keep the source text; history stays', async () => {
		const id = await addItem(kgCoordinator, 'kg', 'Draft wording');
		await coalitions.recordStatus(ctx(kgCoordinator), 'kg', {
			recommendationId: id,
			date: '2025',
			status: 'endorsed'
		});
		await expect(
			coalitions.updateRecommendationText(ctx(staffA), 'kg', { recommendationId: id, title: { en: 'x' } })
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await coalitions.updateRecommendationText(ctx(kgCoordinator), 'kg', {
			recommendationId: id,
			title: { en: 'Final wording', ky: 'Акыркы текст' },
			text: { ru: 'Полный текст' }
		});
		const ky = await coalitions.getItem(db.ctx({ locale: 'ky' }), 'kg', id);
		expect(ky.item.title).toEqual({ text: 'Акыркы текст', fallbackLocale: null, draft: false });
		expect(ky.item.text).toEqual({ text: 'Полный текст', fallbackLocale: 'ru', draft: false });
		expect(ky.item.timeline.map((e) => e.status)).toEqual(['drafting', 'endorsed']);
		await expect(
			coalitions.updateRecommendationText(ctx(kgCoordinator), 'kg', {
				recommendationId: 'kg-reported-1',
				title: { en: 'x' }
			})
		).rejects.toMatchObject({ messageKey: 'coalitions_error_reported_text' });
	});

	it('platform admins add coalitions; others cannot', async () => {
		await expect(
			coalitions.createCoalition(ctx(kgCoordinator), {
				slug: 'kg-south',
				country: 'KG',
				name: { en: 'South' }
			})
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await coalitions.createCoalition(ctx(admin), { slug: 'kg-south', country: 'KG', name: { en: 'South' } });
		await expect(
			coalitions.createCoalition(ctx(admin), { slug: 'kg-south', country: 'KG', name: { en: 'Again' } })
		).rejects.toMatchObject({ code: 'CONFLICT' });
		const south = await coalitions.getCoalition(ctx(kgCoordinator), 'kg-south');
		// A country grant covers every coalition of that country.
		expect(south.viewer.coordinator).toBe(true);
		expect(south.adoption).toEqual({ adopted: 0, total: 0 });
	});
});

describe('agendas', () => {
	it('publishes numbered versions that snapshot the agenda', async () => {
		const { id: agendaId } = await coalitions.createAgenda(ctx(kgCoordinator), 'kg', {
			title: { en: 'NWBA 2025' }
		});
		await addItem(kgCoordinator, 'kg', 'First', { agendaId });
		expect(await coalitions.publishAgendaVersion(ctx(kgCoordinator), 'kg', { agendaId })).toEqual({
			number: 1
		});
		await addItem(kgCoordinator, 'kg', 'Second', { agendaId, barrier: 'markets' });
		expect(
			await coalitions.publishAgendaVersion(ctx(kgCoordinator), 'kg', { agendaId, note: 'added markets' })
		).toEqual({
			number: 2
		});
		const kg = await coalitions.getCoalition(ctx(admin), 'kg');
		expect(kg.agendas.find((a) => a.id === agendaId)?.versions.map((v) => v.items)).toEqual([1, 2]);
	});
});
