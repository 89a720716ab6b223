import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { ANONYMOUS, auditTrail, type Actor, type ServiceContext } from '#lib/server/core';
import { impact } from './index';

/** The use cases behind the coordinators' pages: editing stories, waves, the enumerator's form, the dashboard's memo. */
let db: TestDb;
const kgA = actor('coord-kg-a', [{ role: 'coalition_coordinator', country: 'KG', organizationId: null }]);
const kgB = actor('coord-kg-b', [{ role: 'coalition_coordinator', country: 'KG', organizationId: null }]);
const kz = actor('coord-kz', [{ role: 'coalition_coordinator', country: 'KZ', organizationId: null }]);
const NOW = new Date('2026-11-20T10:00:00Z');
const ctx = (a: Actor, locale: 'en' | 'ru' | 'ky' = 'en'): ServiceContext =>
	db.ctx({ actor: a, now: NOW, locale });

async function codeOf(p: Promise<unknown>): Promise<string> {
	try {
		await p;
	} catch (e) {
		return (e as { code?: string }).code ?? String(e);
	}
	return 'no error';
}

const FORM = {
	survey: ['type,name,label::ru,label::English (en),required', 'select_one agree,q_voice,Может,Can,yes'].join(
		'\n'
	),
	choices: [
		'list_name,name,label::ru,label::English (en)',
		...[1, 2, 3, 4, 5].map((n) => `agree,${n},Вариант ${n},Option ${n}`)
	].join('\n')
};

beforeAll(async () => {
	db = await createTestDb({ seed: true });
});
afterAll(async () => {
	await db?.close();
});

describe('editing a story', () => {
	it('a coordinator of the country edits it, audited; others cannot open or change it', async () => {
		const { id } = await impact.createStory(ctx(kgA), {
			kind: 'interview',
			country: 'KG',
			title: { ru: 'Интервью' },
			date: '2026-09-01',
			people: [{ name: 'Nurgul', consent: 'on' }]
		});
		expect(await codeOf(impact.storyForEdit(ctx(kz), id))).toBe('NOT_FOUND');
		expect(await codeOf(impact.storyForEdit(ctx(ANONYMOUS), id))).toBe('NOT_FOUND');
		const form = await impact.storyForEdit(ctx(kgB), id);
		expect(form.title).toMatchObject({ ru: 'Интервью', en: '' });
		expect(form.people).toEqual([{ name: 'Nurgul', consent: true, public: false }]);
		const edit = {
			kind: 'video',
			country: 'KG',
			title: { ru: 'Видеоинтервью', ky: 'Видео маек' },
			date: '2026-09-02',
			channels: ['youtube'],
			people: [{ name: 'Nurgul', consent: 'on', public: 'on' }]
		};
		expect(await codeOf(impact.updateStory(ctx(kz), id, edit))).toBe('FORBIDDEN');
		// Moving a story to a country she does not coordinate is refused too.
		expect(await codeOf(impact.updateStory(ctx(kgB), id, { ...edit, country: 'KZ' }))).toBe('FORBIDDEN');
		const bad = await impact.updateStory(ctx(kgB), id, { ...edit, people: [{ name: 'X' }] }).catch((e) => e);
		expect(bad.code).toBe('INVALID');
		expect(Object.keys(bad.fields)).toEqual(['people.0.consent']);
		await impact.updateStory(ctx(kgB), id, edit);
		const pub = await impact.getStory(ctx(ANONYMOUS, 'ky'), id);
		expect([pub.kind, pub.title.text, pub.channels, pub.people]).toEqual([
			'video',
			'Видео маек',
			['youtube'],
			[{ name: 'Nurgul', public: true }]
		]);
		const trail = await auditTrail(ctx(kgA), 'impact_story', id);
		expect(trail.map((t) => t.action).sort()).toEqual(['impact.story.create', 'impact.story.update']);
	});
});

describe('waves and the enumerator’s form', () => {
	it('counts her respondents, records a double submit once, and a closed wave takes no answers', async () => {
		const s = await impact.importSurvey(ctx(kgA), { slug: 'pages-voice', csv: FORM });
		expect(s.ok).toBe(true);
		const open = { surveyId: s.id, country: 'KG', kind: 'baseline', _once: 'wave-key-1' };
		const w = await impact.openWave(ctx(kgA), open);
		expect((await impact.openWave(ctx(kgA), open)).id).toBe(w.id);
		expect((await impact.listSurveys(ctx(kgA))).find((x) => x.id === s.id)?.waves).toHaveLength(1);
		expect(await codeOf(impact.enumeratorForm(ctx(kz), w.id))).toBe('FORBIDDEN');
		expect((await impact.enumeratorForm(ctx(kgB), w.id)).entered).toBe(0);
		const answer = { answers: { q_voice: '4' }, _once: 'form-key-1' };
		const a = await impact.submitAnswers(ctx(kgB), w.id, answer, 'enumerator');
		const again = await impact.submitAnswers(ctx(kgB), w.id, answer, 'enumerator');
		expect(again.id).toBe(a.id);
		await impact.submitAnswers(
			ctx(kgB),
			w.id,
			{ answers: { q_voice: '5' }, _once: 'form-key-2' },
			'enumerator'
		);
		await impact.submitAnswers(ctx(ANONYMOUS), w.id, { answers: { q_voice: '3' } });
		expect((await impact.enumeratorForm(ctx(kgB), w.id)).entered).toBe(2);
		expect((await impact.enumeratorForm(ctx(kgA), w.id)).entered).toBe(0);
		// Three answers: the public results hide them, her own screen shows them.
		const pub = await impact.surveyResults(ctx(ANONYMOUS), s.id!, 'KG');
		expect(pub.items[0].waves[0]).toMatchObject({ n: null, mean: null, suppressed: true });
		expect(pub.items[0].waves[0].distribution.every((d) => d.count === null)).toBe(true);
		const own = await impact.surveyResults(ctx(kgA), s.id!, 'KG', { audience: 'coordinator' });
		expect(own.items[0].waves[0]).toMatchObject({ n: 3, mean: 4, suppressed: false });
		expect(await codeOf(impact.setWaveOpen(ctx(kz), { waveId: w.id, open: '0' }))).toBe('FORBIDDEN');
		await impact.setWaveOpen(ctx(kgA), { waveId: w.id, open: '0' });
		expect(await codeOf(impact.submitAnswers(ctx(ANONYMOUS), w.id, { answers: { q_voice: '3' } }))).toBe(
			'NOT_FOUND'
		);
		expect(await codeOf(impact.surveyForm(ctx(ANONYMOUS), w.id))).toBe('NOT_FOUND');
		await impact.setWaveOpen(ctx(kgA), { waveId: w.id, open: '1' });
		expect((await impact.surveyForm(ctx(ANONYMOUS), w.id)).items).toHaveLength(1);
		const trail = await auditTrail(ctx(kgA), 'impact_wave', w.id);
		// The test clock stands still, so the entries share one time: compare them as a set.
		expect(trail.map((t) => t.action).sort()).toEqual([
			'impact.wave.close',
			'impact.wave.open',
			'impact.wave.reopen'
		]);
	});
});

describe('the public dashboard', () => {
	it('is computed once per data version: a new reach row shows at once', async () => {
		const before = await impact.publicDashboard(ctx(ANONYMOUS, 'ru'), { country: 'KG' });
		expect(await impact.publicDashboard(ctx(ANONYMOUS, 'ru'), { country: 'KG' })).toBe(before);
		await impact.addReach(ctx(kgA), {
			channel: 'telegram',
			country: 'KG',
			reach: '1200',
			source: 'Channel stats'
		});
		const after = await impact.publicDashboard(ctx(ANONYMOUS, 'ru'), { country: 'KG' });
		expect(after).not.toBe(before);
		expect(after.reach.byChannel.find((c) => c.key === 'telegram')?.reach).toBe(
			(before.reach.byChannel.find((c) => c.key === 'telegram')?.reach ?? 0) + 1200
		);
		expect(after.surveys.map((s) => s.countries)).toEqual([['KG']]);
	});
});
