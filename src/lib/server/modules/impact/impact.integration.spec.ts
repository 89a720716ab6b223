import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { ANONYMOUS, auditTrail, snapshotIndicators, type Actor, type ServiceContext } from '#lib/server/core';
import { MODULES } from '#lib/server/modules';
import { rowsOf } from '#lib/server/db';
import { impact } from './index';

let db: TestDb;
const kgA = actor('coord-kg-a', [{ role: 'coalition_coordinator', country: 'KG', organizationId: null }]);
const kgB = actor('coord-kg-b', [{ role: 'coalition_coordinator', country: 'KG', organizationId: null }]);
const kz = actor('coord-kz', [{ role: 'coalition_coordinator', country: 'KZ', organizationId: null }]);
const regional = actor('coord-all', [{ role: 'coalition_coordinator', country: null, organizationId: null }]);
const visitor = actor('visitor-1');
const NOW = new Date('2026-11-20T10:00:00Z');
const ctx = (a: Actor, locale: 'en' | 'ru' | 'ky' = 'en'): ServiceContext =>
	db.ctx({ actor: a, now: NOW, locale });

/** The database's refusal message (drizzle wraps the driver's error as its cause). */
async function dbRefusal(p: Promise<unknown>): Promise<string> {
	try {
		await p;
	} catch (e) {
		const err = e as Error & { cause?: Error };
		return String(err.cause?.message ?? err.message);
	}
	return 'no error';
}

async function codeOf(p: Promise<unknown>): Promise<string> {
	try {
		await p;
	} catch (e) {
		return (e as { code?: string }).code ?? String(e);
	}
	return 'no error';
}

beforeAll(async () => {
	db = await createTestDb({ seed: true });
});
afterAll(async () => {
	await db?.close();
});

describe('reach', () => {
	it('a fresh install shows the initiative’s reach as reported, region-wide, with its source, not deduplicated', async () => {
		const r = await impact.reachReport(ctx(ANONYMOUS));
		expect(r.empty).toBe(false);
		expect(r.deduplicated).toBe(false);
		expect(r.rows.map((x) => [x.channel, x.country, x.reach, x.asReported, x.estimate])).toEqual([
			['radio_tv', 'RG', 2500000, true, true],
			['social_media', 'RG', 5000000, true, false]
		]);
		expect(r.rows[0].source).toBe('WAGE Central Asia program report (seed document)');
		expect(r.byCountry).toEqual([
			expect.objectContaining({
				key: 'RG',
				reach: 7500000,
				includesAsReported: true,
				includesEstimates: true
			})
		]);
	});

	const CSV = [
		'Канал,Country,Period,Reach,Impressions,Source',
		'facebook,KG,2026-10,1200,5000,Meta Business Suite export',
		'radio,kg,2026-10,30000,,Broadcaster estimate',
		'telegram,KG,2026-Q4,800,,Channel statistics'
	].join('\n');

	it('imports a CSV with a column mapping: a dry run first, then all rows at once', async () => {
		const mapping = { channel: 'Канал' };
		const dry = await impact.importReachCsv(ctx(kgA), { csv: CSV, mapping }, { dryRun: true });
		expect(dry.ok).toBe(true);
		expect(dry.count).toBe(3);
		expect(await codeOf(impact.importReachCsv(ctx(kgA), { csv: CSV, mapping }, { dryRun: false }))).toBe(
			'INVALID'
		);
		const done = await impact.importReachCsv(
			ctx(kgA),
			{ csv: CSV, mapping, confirm: dry.digest },
			{ dryRun: false }
		);
		expect(done.applied).toBe(true);
		const kg = await impact.reachReport(ctx(ANONYMOUS), { country: 'KG' });
		expect(kg.rows.map((x) => [x.channel, x.reach, x.estimate])).toEqual([
			['facebook', 1200, false],
			['radio', 30000, true],
			['telegram', 800, false]
		]);
		expect(kg.byCountry[0]).toMatchObject({
			key: 'KG',
			reach: 32000,
			impressions: 5000,
			includesEstimates: true
		});
		const audit = await db.handle.db.execute(
			sql`select count(*)::int as n from core_audit_log where action = 'impact.reach.import'`
		);
		expect(rowsOf<{ n: number }>(audit)[0].n).toBe(1);
	});

	it('reports every row’s problems and imports nothing when one row is wrong', async () => {
		const bad = [
			'channel,country,period,reach,views,source',
			'facebook,KG,2026-11,N/A,,Meta',
			'myspace,KG,2026-11,10,,x',
			'instagram,KZ,2026-11,10,,Meta',
			'instagram,KG,November,12.5,,',
			'youtube,KG,2026-11,40,100,YouTube Studio'
		].join('\n');
		const before = (await impact.reachReport(ctx(ANONYMOUS))).rows.length;
		const dry = await impact.importReachCsv(ctx(kgA), { csv: bad }, { dryRun: true });
		expect(dry.ok).toBe(false);
		expect(dry.rows.map((r) => [r.row, r.errors.map((e) => `${e.field}:${e.key}`).sort()])).toEqual([
			[2, ['reach:impact_error_number']],
			[3, ['channel:impact_error_channel']],
			[4, ['country:impact_error_not_coordinator']],
			[5, ['period:impact_error_period', 'reach:impact_error_whole_number', 'source:impact_error_source']],
			[6, []]
		]);
		const applied = await impact.importReachCsv(
			ctx(kgA),
			{ csv: bad, confirm: dry.digest },
			{ dryRun: false }
		);
		expect(applied.applied).toBe(false);
		expect((await impact.reachReport(ctx(ANONYMOUS))).rows.length).toBe(before);
	});

	it('refuses a missing mapped column and a visitor', async () => {
		const r = await impact.importReachCsv(
			ctx(kgA),
			{ csv: 'chan,country,source\nfacebook,KG,x' },
			{ dryRun: true }
		);
		expect(r.missingColumns).toEqual(['channel']);
		expect(await codeOf(impact.importReachCsv(ctx(visitor), { csv: 'a' }, { dryRun: true }))).toBe(
			'FORBIDDEN'
		);
		expect(
			await codeOf(impact.addReach(ctx(kgA), { channel: 'tv', country: 'RG', reach: '5', source: 'x' }))
		).toBe('FORBIDDEN');
		await impact.addReach(ctx(regional), {
			channel: 'event',
			country: 'RG',
			reach: '120',
			source: 'Sign-in sheets'
		});
	});
});

describe('stories', () => {
	it('coordinators add stories for their country; people who are not public are never named publicly', async () => {
		const input = {
			kind: 'success_story',
			country: 'KG',
			title: { ru: 'Теплица в Иссык-Куле', en: 'A greenhouse by Issyk-Kul' },
			summary: { en: 'A farmer’s story.' },
			channels: ['facebook', 'telegram'],
			date: '2026-10-02',
			people: [
				{ name: 'Aigul', consent: 'on', public: 'on' },
				{ name: 'Her neighbour', consent: 'on' }
			],
			barrier: 'finance',
			shopSlug: 'aigul-greens',
			_once: 'story-key-1'
		};
		expect(await codeOf(impact.createStory(ctx(kz), input))).toBe('FORBIDDEN');
		const a = await impact.createStory(ctx(kgA), input);
		const again = await impact.createStory(ctx(kgA), input);
		expect(again.id).toBe(a.id);
		const pub = await impact.listStories(ctx(ANONYMOUS, 'ru'), { country: 'KG' });
		expect(pub).toHaveLength(1);
		expect(pub[0].title.text).toBe('Теплица в Иссык-Куле');
		expect(pub[0].people).toEqual([{ name: 'Aigul', public: true }]);
		expect(pub[0].peopleNotNamed).toBe(1);
		expect(JSON.stringify(pub)).not.toContain('Her neighbour');
		const own = await impact.getStory(ctx(kgB), a.id);
		expect(own.people.map((p) => p.name)).toEqual(['Aigul', 'Her neighbour']);
		expect(await impact.listStories(ctx(ANONYMOUS), { channel: 'youtube' })).toEqual([]);
		expect((await impact.listStories(ctx(ANONYMOUS), { barrier: 'finance' })).length).toBe(1);
		const trail = await auditTrail(ctx(kgA), 'impact_story', a.id);
		expect(trail.map((t) => t.action)).toEqual(['impact.story.create']);
	});

	it('refuses a featured person without consent and a link that is not http(s)', async () => {
		const e = await impact
			.createStory(ctx(kgA), {
				kind: 'video',
				country: 'KG',
				title: { en: 'x' },
				date: '2026-10-02',
				link: 'javascript:alert(1)',
				people: [{ name: 'A', consent: '' }]
			})
			.catch((x) => x);
		expect(e.code).toBe('INVALID');
		expect(Object.keys(e.fields).sort()).toEqual(['link', 'people.0.consent']);
	});
});

describe('indicators', () => {
	let resultId: string;
	let womenTrained: string;
	let share: string;

	beforeAll(async () => {
		resultId = (await impact.createResult(ctx(regional), { title: { en: 'Women use finance' } })).id;
		womenTrained = (
			await impact.createIndicator(ctx(regional), {
				resultId,
				title: { en: 'Women trained in financial literacy', ru: 'Женщины, обученные финансовой грамотности' },
				definition: { en: 'Women who finished a course.' },
				unit: 'people',
				numericType: 'integer',
				direction: 'increase',
				dimensions: ['age_band', 'urban_rural', 'disability'],
				baselineValue: '0',
				baselinePeriod: '2025'
			})
		).id;
		share = (
			await impact.createIndicator(ctx(regional), {
				resultId,
				title: { en: 'Share of women with a bank account' },
				unit: '%',
				numericType: 'percent',
				direction: 'increase'
			})
		).id;
		await impact.setTarget(ctx(kgA), {
			indicatorId: womenTrained,
			period: '2026',
			country: 'KG',
			value: '300'
		});
	});

	it('refuses “N/A”, text and fractions where a whole number is expected, and changes nothing', async () => {
		for (const total of ['N/A', 'many', '', '12,5'] as const) {
			const e = await impact
				.enterValue(ctx(kgA), {
					indicatorId: womenTrained,
					period: '2026',
					country: 'KG',
					total,
					evidence: 'Course lists'
				})
				.catch((x) => x);
			expect(e.code).toBe('INVALID');
			expect(Object.keys(e.fields)).toEqual(['total']);
		}
		const e = await impact
			.enterValue(ctx(kgA), {
				indicatorId: share,
				period: '2026',
				country: 'KG',
				total: '140',
				evidence: 'Survey'
			})
			.catch((x) => x);
		expect(e.fields).toEqual({ total: { key: 'impact_error_percent' } });
		expect(await impact.pendingValues(ctx(kgB))).toEqual([]);
	});

	it('flags a value whose parts do not add up, and approving it needs a note', async () => {
		const v = await impact.enterValue(ctx(kgA), {
			indicatorId: womenTrained,
			period: '2026-Q3',
			country: 'KG',
			total: '120',
			parts: {
				age_band: { '18-29': '50', '30-49': '60', '50+': '12' },
				urban_rural: { urban: '70', rural: '50' }
			},
			evidence: 'Attendance lists of 6 courses'
		});
		expect(v.flags).toEqual(['age_band']);
		expect(await codeOf(impact.decideValue(ctx(kgB), { valueId: v.id, decision: 'approve' }))).toBe(
			'INVALID'
		);
		await impact.decideValue(ctx(kgB), {
			valueId: v.id,
			decision: 'approve',
			note: 'Two women counted twice by age; checked'
		});
		const [ind] = (await impact.indicatorValues(ctx(ANONYMOUS), { country: 'KG' })).filter(
			(i) => i.id === womenTrained
		);
		expect(ind.rows[0].flags).toEqual(['age_band']);
	});

	it('a second coordinator of the country approves; never the one who entered, nor another country’s', async () => {
		const v = await impact.enterValue(ctx(kgA), {
			indicatorId: womenTrained,
			period: '2026',
			country: 'KG',
			total: '212',
			parts: {
				age_band: { '18-29': '100', '30-49': '109', '50+': '3' },
				urban_rural: { urban: '120', rural: '92' }
			},
			evidence: 'Course completion lists',
			evidenceUrl: 'https://example.org/lists.pdf'
		});
		expect(v.flags).toEqual([]);
		expect(
			(await impact.indicatorValues(ctx(ANONYMOUS), { country: 'KG', from: '2026', to: '2026' })).find(
				(i) => i.id === womenTrained
			)!.rows
		).toEqual([]);
		expect(await codeOf(impact.decideValue(ctx(kgA), { valueId: v.id, decision: 'approve' }))).toBe(
			'FORBIDDEN'
		);
		expect(await codeOf(impact.decideValue(ctx(kz), { valueId: v.id, decision: 'approve' }))).toBe(
			'FORBIDDEN'
		);
		expect((await impact.pendingValues(ctx(kgB))).map((p) => [p.id, p.enteredByMe])).toEqual([[v.id, false]]);
		expect(await impact.pendingValues(ctx(kz))).toEqual([]);
		await impact.decideValue(ctx(kgB), { valueId: v.id, decision: 'approve' });
		expect(await codeOf(impact.decideValue(ctx(regional), { valueId: v.id, decision: 'reject' }))).toBe(
			'CONFLICT'
		);
		const trail = await auditTrail(ctx(kgA), 'impact_value', v.id);
		expect(trail.map((t) => [t.action, t.actorId])).toEqual([
			['impact.value.approve', 'coord-kg-b'],
			['impact.value.enter', 'coord-kg-a']
		]);
		// The approved row is frozen in the database too.
		expect(
			await dbRefusal(db.handle.db.execute(sql`update impact_value set total = 1 where id = ${v.id}`))
		).toMatch(/frozen once decided/);
	});

	it('the public sees approved values with small counts suppressed (complementary too), a missing dimension as not available', async () => {
		const [pub] = (
			await impact.indicatorValues(ctx(ANONYMOUS), { country: 'KG', from: '2026', to: '2026' })
		).filter((i) => i.id === womenTrained);
		const row = pub.rows.find((r) => r.period === '2026')!;
		expect(row.target).toBe(300);
		expect(row.total).toMatchObject({ status: 'value', value: 212 });
		const cell = (d: string, k: string | null) =>
			row.parts.find((p) => p.dimension === d && p.dimensionValue === k);
		// 3 is suppressed, and 100 (the next smallest of the same breakdown) with it, so 3 cannot be recovered.
		expect(cell('age_band', '50+')).toMatchObject({ status: 'suppressed', value: null });
		expect(cell('age_band', '18-29')).toMatchObject({ status: 'suppressed', value: null });
		expect(cell('age_band', '30-49')).toMatchObject({ status: 'value', value: 109 });
		expect(cell('urban_rural', 'rural')).toMatchObject({ status: 'value', value: 92 });
		expect(cell('disability', null)).toMatchObject({ status: 'not_available', value: null });
		expect(row.evidence).toBeNull();
		const [own] = (
			await impact.indicatorValues(
				ctx(kgB),
				{ country: 'KG', from: '2026', to: '2026' },
				{ audience: 'coordinator' }
			)
		).filter((i) => i.id === womenTrained);
		const ownRow = own.rows.find((r) => r.period === '2026')!;
		expect(ownRow.parts.find((p) => p.dimensionValue === '50+')!.value).toBe(3);
		expect(ownRow.evidence).toBe('Course completion lists');
		// A visitor asking for the coordinator's view gets the public one.
		const [v] = (
			await impact.indicatorValues(
				ctx(visitor),
				{ country: 'KG', from: '2026', to: '2026' },
				{ audience: 'coordinator' }
			)
		).filter((i) => i.id === womenTrained);
		expect(v.rows[0].parts.find((p) => p.dimensionValue === '50+')!.value).toBeNull();
	});

	it('reads module indicators from their snapshots (coalitions: recommendations adopted, by barrier)', async () => {
		await snapshotIndicators(db.ctx({ now: NOW }), MODULES);
		const list = await impact.indicatorValues(ctx(ANONYMOUS), {
			country: 'TJ',
			from: '2026-11',
			to: '2026-11'
		});
		const adopted = list.find((i) => i.moduleIndicator === 'coalitions.recommendations_adopted')!;
		expect(adopted.rows).toHaveLength(1);
		expect(adopted.rows[0]).toMatchObject({
			period: '2026-11',
			country: 'TJ',
			source: 'module',
			total: { status: 'value', value: 11 }
		});
		expect(adopted.rows[0].parts.find((p) => p.dimensionValue === 'other')).toMatchObject({ value: 11 });
		expect(
			await codeOf(
				impact.enterValue(ctx(regional), {
					indicatorId: adopted.id,
					period: '2026',
					country: 'TJ',
					total: '3',
					evidence: 'xxx'
				})
			)
		).toBe('INVALID');
	});
});

const FORM = {
	survey: [
		'type,name,label::ru,label::Кыргызча (ky),label::English (en),required',
		'select_one agree,q_voice,Женщина может вести свой бизнес,Аял өз бизнесин жүргүзө алат,A woman can run her own business,yes',
		'integer,age,Возраст,Жашы,Age,no',
		'text,comment,Комментарий,Пикир,Comment,no'
	].join('\n'),
	choices: [
		'list_name,name,label::ru,label::Кыргызча (ky),label::English (en)',
		'agree,1,Совсем не согласна,Такыр макул эмесмин,Strongly disagree',
		'agree,2,Не согласна,Макул эмесмин,Disagree',
		'agree,3,Ни то ни другое,Бейтарап,Neither',
		'agree,4,Согласна,Макулмун,Agree',
		'agree,5,Полностью согласна,Толук макулмун,Strongly agree'
	].join('\n')
};

describe('surveys', () => {
	let surveyId: string;
	it('imports an XLSForm in three languages and refuses `relevant` with its row and column', async () => {
		const refused = await impact.importSurvey(ctx(regional), {
			slug: 'norms-bad',
			csv: { survey: 'type,name,label::en,relevant\ninteger,age,Age,${x} > 1', choices: FORM.choices }
		});
		expect(refused.ok).toBe(false);
		expect(refused.errors).toContainEqual(
			expect.objectContaining({ code: 'UNSUPPORTED_COLUMN', column: 'relevant' })
		);
		const r = await impact.importSurvey(ctx(regional), {
			slug: 'norms',
			title: { en: 'Gender norms' },
			csv: FORM
		});
		expect(r.ok).toBe(true);
		surveyId = r.id!;
		const kg = await impact.openWave(ctx(kgA), { surveyId, country: 'KG', kind: 'baseline' });
		const form = await impact.surveyForm(ctx(ANONYMOUS, 'ky'), kg.id);
		expect(form.items.map((i) => [i.name, i.kind, i.label])).toEqual([
			['q_voice', 'agreement', 'Аял өз бизнесин жүргүзө алат'],
			['age', 'number', 'Жашы'],
			['comment', 'text', 'Пикир']
		]);
		expect(form.items[0].choices[4].label).toBe('Толук макулмун');
	});

	it('computes the change between independent waves with Welch’s interval, computed by hand', async () => {
		const [base] = (await impact.listSurveys(ctx(ANONYMOUS))).find((s) => s.id === surveyId)!.waves;
		const end = await impact.openWave(ctx(kgA), { surveyId, country: 'KG', kind: 'endline' });
		for (const v of ['2', '2', '3', '3', '4'])
			await impact.submitAnswers(ctx(ANONYMOUS), base.id, { answers: { q_voice: v } });
		// An enumerator enters answers she collected; an import brings the rest (all rows or none).
		await impact.submitAnswers(ctx(kgB), end.id, { answers: { q_voice: '3', age: '34' } }, 'enumerator');
		const csv = 'q_voice,age\n4,41\n4,\n5,29\n5,52\n';
		const bad = await impact.importAnswersCsv(ctx(kgA), end.id, { csv: csv + '7,N/A\n' }, { dryRun: false });
		expect(bad.applied).toBe(false);
		expect(
			bad.rows
				.at(-1)!
				.errors.map((e) => e.field)
				.sort()
		).toEqual(['age', 'q_voice']);
		expect((await impact.importAnswersCsv(ctx(kgA), end.id, { csv }, { dryRun: false })).count).toBe(4);
		const res = await impact.surveyResults(ctx(ANONYMOUS), surveyId, 'KG');
		const q = res.items.find((i) => i.item === 'q_voice')!;
		// Baseline 2,2,3,3,4: mean 2.8, s² 0.7; endline 3,4,4,5,5: mean 4.2, s² 0.7. SE = √(0.7/5 + 0.7/5) =
		// 0.529150; Welch df = 0.28² / (2 × 0.14² / 4) = 8; t(0.975, 8) = 2.306004; half-width 1.220221.
		expect(q.change!.method).toBe('welch');
		expect(q.change!.difference).toBeCloseTo(1.4, 9);
		expect(q.change!.low).toBeCloseTo(0.179779, 5);
		expect(q.change!.high).toBeCloseTo(2.620221, 5);
		expect(q.waves.map((w) => w.mean)).toEqual([expect.closeTo(2.8, 9), expect.closeTo(4.2, 9)]);
		// Public: every option counted 1 or 2 times is suppressed; coordinators see them on their screen.
		expect(q.waves[0].distribution.map((d) => d.count)).toEqual([0, null, null, null, 0]);
		const own = await impact.surveyResults(ctx(kgA), surveyId, 'KG', { audience: 'coordinator' });
		expect(own.items[0].waves[0].distribution.map((d) => d.count)).toEqual([0, 2, 2, 1, 0]);
		// The age item has answers in the endline but none in the baseline: no change figure (publicly
		// "suppressed", which says nothing about how few; the coordinator sees why).
		expect(res.items.find((i) => i.item === 'age')!.changeMissing).toBe('suppressed');
		expect(own.items.find((i) => i.item === 'age')!.changeMissing).toBe('too_few');
		// Answers are append-only.
		expect(await dbRefusal(db.handle.db.execute(sql`delete from impact_response`))).toMatch(/append-only/);
	});

	it('links a woman’s answers by her consented code and uses the paired interval', async () => {
		const b = await impact.openWave(ctx(kz), { surveyId, country: 'KZ', kind: 'baseline' });
		const en = await impact.openWave(ctx(kz), { surveyId, country: 'KZ', kind: 'endline' });
		const before = [2, 2, 3, 3, 4];
		const after = [3, 4, 4, 5, 5];
		expect(
			await codeOf(impact.submitAnswers(ctx(ANONYMOUS), b.id, { answers: { q_voice: '2' }, code: 'AIDA-77' }))
		).toBe('INVALID');
		for (const [i, v] of before.entries())
			await impact.submitAnswers(ctx(ANONYMOUS), b.id, {
				answers: { q_voice: String(v) },
				code: `woman-${i}`,
				codeConsent: 'on'
			});
		for (const [i, v] of after.entries())
			await impact.submitAnswers(ctx(ANONYMOUS), en.id, {
				answers: { q_voice: String(v) },
				code: `WOMAN-${i}`,
				codeConsent: 'on'
			});
		const codes = rowsOf<{ code_hash: string }>(
			await db.handle.db.execute(sql`select code_hash from impact_response where wave_id = ${b.id}`)
		);
		expect(codes.every((c) => /^[0-9a-f]{64}$/.test(c.code_hash))).toBe(true);
		const q = (await impact.surveyResults(ctx(ANONYMOUS), surveyId, 'KZ')).items[0];
		// Differences 1,2,1,2,1: mean 1.4, s_d = √0.3 = 0.547723; t(0.975, 4) = 2.776445; half-width 0.680087.
		expect(q.change).toMatchObject({ method: 'paired', n1: 5, n2: 5 });
		expect(q.change!.low).toBeCloseTo(0.719913, 5);
		expect(q.change!.high).toBeCloseTo(2.080087, 5);
	});

	it('suppresses a wave with fewer than 5 answers, with its mean and change', async () => {
		const b = await impact.openWave(ctx(regional), { surveyId, country: 'UZ', kind: 'baseline' });
		const en = await impact.openWave(ctx(regional), { surveyId, country: 'UZ', kind: 'endline' });
		for (const v of ['1', '2', '3'])
			await impact.submitAnswers(ctx(ANONYMOUS), b.id, { answers: { q_voice: v } });
		for (const v of ['3', '4', '5', '5', '4', '2'])
			await impact.submitAnswers(ctx(ANONYMOUS), en.id, { answers: { q_voice: v } });
		const q = (await impact.surveyResults(ctx(ANONYMOUS), surveyId, 'UZ')).items[0];
		expect(q.waves[0]).toMatchObject({ n: null, mean: null, suppressed: true });
		expect(q.waves[0].distribution.every((d) => d.count === null)).toBe(true);
		expect(q.change).toBeNull();
		expect(q.changeMissing).toBe('suppressed');
	});
});

describe('reports', () => {
	it('XLSX: a sheet per indicator with its disaggregations, small counts suppressed', async () => {
		const { default: ExcelJS } = await import('exceljs');
		const bytes = await impact.exportXlsx(ctx(kgA), { country: 'KG', from: '2026', to: '2026' });
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(new Uint8Array(bytes).buffer as ArrayBuffer);
		const names = wb.worksheets.map((w) => w.name);
		expect(names).toContain('Women trained in financial l');
		const ws = wb.getWorksheet('Women trained in financial l')!;
		const rows: unknown[][] = [];
		ws.eachRow((r) => {
			const cells = Array.from((r.values as unknown[]).slice(1), (v) => v ?? null);
			while (cells.length && (cells.at(-1) === null || cells.at(-1) === '')) cells.pop();
			rows.push(cells);
		});
		const text = JSON.stringify(rows);
		expect(rows).toContainEqual(['2026', 'Kyrgyzstan', 'Age band', '30-49', 109]);
		expect(rows).toContainEqual(['2026', 'Kyrgyzstan', 'Age band', '50+', null, 'fewer than 5 (hidden)']);
		expect(rows).toContainEqual(['2026', 'Kyrgyzstan', 'Disability', '', null, 'not available']);
		// The coordinator asked, but the file leaves her screen: 3 and its complement 100 are not in it.
		expect(text).not.toMatch(/,3[,\]]/);
		expect(text).not.toMatch(/,100[,\]]/);
	});

	it('PDF: a donor report in Kyrgyz with its charts', async () => {
		const pdf = await impact.donorReportPdf(ctx(ANONYMOUS, 'ky'), { country: 'KG' });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.length).toBeGreaterThan(5000);
		expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
	});

	it('IATI: refuses without the reporting organisation; with it, one actual per disaggregated value', async () => {
		expect(
			await codeOf(impact.exportIati(ctx(ANONYMOUS), { country: 'KG' }, { ref: '', name: null, type: '22' }))
		).toBe('CONFLICT');
		const xml = await impact.exportIati(
			ctx(ANONYMOUS),
			{ country: 'KG' },
			{ ref: 'KG-INN-01234567890123', name: 'Test coalition', type: '22' }
		);
		expect(xml).toContain('<iati-identifier>KG-INN-01234567890123-birge-impact-kg</iati-identifier>');
		expect(xml).toContain('<recipient-country code="KG"');
		expect(xml).toMatch(
			/<period-start iso-date="2026-01-01"\/>\s*<period-end iso-date="2026-12-31"\/>\s*<target value="300"\/>/
		);
		expect(xml).toMatch(/<actual value="212"\/>/);
		expect(xml).toMatch(/<actual value="109">\s*<dimension name="age_band" value="30-49"\/>\s*<\/actual>/);
		expect(xml).toMatch(/<actual value="92">\s*<dimension name="urban_rural" value="rural"\/>/);
		// Suppressed cells are not in a public file.
		expect(xml).not.toMatch(/<actual value="(3|100)">/);
		expect(xml).toMatch(/<baseline year="2025" value="0"/);
	});
});
