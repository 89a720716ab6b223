import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { AppError } from '#lib/server/core';
import { authUser, organization } from '#lib/server/db/schema';
import { rowsOf } from '#lib/server/db';
import { sql } from 'drizzle-orm';
import { learning } from './index';
import { plainQuestions } from './marks';

/**
 * Authoring beyond lessons: quizzes in a form, the outline (modules), publication refusing an empty form,
 * and lesson images travelling inside both offline packs.
 */

let db: TestDb;
const NOW = new Date('2026-12-01T09:00:00Z');
const ORG = 'o-author';
const COURSE = 'knit-basics';
const staff = () =>
	db.ctx({
		actor: actor(
			'u-staff',
			[],
			[{ organizationId: ORG, organizationKind: 'business_association', country: 'KG', role: 'staff' }]
		),
		now: NOW
	});
const outsider = () =>
	db.ctx({
		actor: actor(
			'u-out',
			[],
			[{ organizationId: 'o-other', organizationKind: 'business_association', country: 'KG', role: 'staff' }]
		),
		now: NOW
	});
const learner = () => db.ctx({ actor: actor('u-learner'), now: NOW, locale: 'ru' });

async function failure(call: () => Promise<unknown>): Promise<AppError> {
	const e = await call().then(
		() => null,
		(err: unknown) => err
	);
	if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
	return e;
}

async function course() {
	return learning.editableCourse(staff(), COURSE);
}

/** The form as the quiz page sends it (dotted names, blank rows included). */
function quizForm(extra: Record<string, unknown> = {}) {
	return {
		slug: 'stitch-check',
		title: { ru: 'Проверка', ky: 'Текшерүү', en: '' },
		passPercent: '',
		questions: {
			'0': {
				id: '',
				kind: 'single',
				prompt: { ru: 'Сколько петель?', ky: 'Канча илмек?' },
				options: {
					'0': { id: '', text: { ru: 'Десять', ky: 'Он' }, correct: 'on' },
					'1': { id: '', text: { ru: 'Двадцать', ky: 'Жыйырма' } },
					'2': { id: '', text: {} }
				}
			},
			'1': {
				id: '',
				kind: 'numeric',
				prompt: { ru: 'Цена за час, сом', ky: 'Саатына баа, сом' },
				answer: '1 500',
				tolerance: '50'
			},
			// The blank question the form always offers.
			'2': { id: '', kind: 'single', prompt: {}, options: { '0': { id: '', text: {} } }, answer: '' }
		},
		...extra
	};
}

beforeAll(async () => {
	db = await createTestDb({ seed: true });
	for (const id of ['u-staff', 'u-out', 'u-learner'])
		await db.handle.db.insert(authUser).values({ id, name: id, email: `${id}@example.org`, locale: 'ru' });
	await db.handle.db.insert(organization).values([
		{ id: ORG, slug: 'author-org', kind: 'business_association', name: { en: 'Org' }, country: 'KG' },
		{ id: 'o-other', slug: 'other-org', kind: 'business_association', name: { en: 'Other' }, country: 'KG' }
	]);
	await learning.createCourse(staff(), {
		slug: COURSE,
		organizationId: ORG,
		level: 'beginner',
		title: { ru: 'Вязание' },
		summary: {},
		passPercent: 70
	});
	for (const slug of ['yarn', 'needles', 'stitches'])
		await learning.saveLesson(staff(), COURSE, null, {
			slug,
			minutes: 5,
			title: { ru: slug },
			body: { ru: slug }
		});
});
afterAll(async () => db?.close());

describe('publication', () => {
	it('an empty or invalid form gets a message and changes nothing', async () => {
		await learning.setPublication(staff(), COURSE, { publication: 'published' });
		for (const raw of [{}, { publication: '' }, { publication: 'hidden' }]) {
			const e = await failure(() => learning.setPublication(staff(), COURSE, raw));
			expect(e.code).toBe('INVALID');
			expect(e.fields?.publication?.key).toBe('learning_error_publication');
		}
		expect((await course()).course.publication).toBe('published');
		await learning.setPublication(staff(), COURSE, { publication: 'published' });
		expect((await course()).course.publication).toBe('published');
	});
});

describe('quiz authoring', () => {
	it('creates a quiz from the form: blank rows dropped, kinds, per-locale texts, status', async () => {
		await learning.saveQuiz(staff(), COURSE, 'needles', null, quizForm());
		const { quizzes, course: c } = await course();
		expect(quizzes).toHaveLength(1);
		const z = quizzes[0];
		expect(z.slug).toBe('stitch-check');
		expect(z.passPercent).toBeNull();
		expect(z.version).toBe(1);
		// Her texts: Russian, the language she wrote first, is the source; her Kyrgyz is hers (issue 18).
		expect(z.questions[0].prompt.$src).toBe('ru');
		expect(z.questions[0].prompt.$p?.ky).toMatchObject({ status: 'reviewed', by: 'u-staff' });
		expect(plainQuestions(z.questions)).toEqual([
			{
				id: 'q1',
				kind: 'single',
				prompt: { ru: 'Сколько петель?', ky: 'Канча илмек?' },
				options: [
					{ id: 'o1', correct: true, text: { ru: 'Десять', ky: 'Он' } },
					{ id: 'o2', correct: false, text: { ru: 'Двадцать', ky: 'Жыйырма' } }
				]
			},
			{
				id: 'q2',
				kind: 'numeric',
				prompt: { ru: 'Цена за час, сом', ky: 'Саатына баа, сом' },
				answer: 1500,
				tolerance: 50
			}
		]);
		expect(c.status['quiz:stitch-check']).toMatchObject({
			ru: 'machine-draft',
			ky: 'reviewed',
			en: 'missing'
		});
		// Learners see it on the lesson, and it is scored.
		const view = await learning.lessonView(learner(), COURSE, 'needles');
		expect(view.quizzes.map((x) => x.slug)).toEqual(['stitch-check']);
		const result = await learning.checkQuiz(learner(), COURSE, 'needles', 'stitch-check', {
			q1: ['o1'],
			q2: ['1 530']
		});
		expect(result).toMatchObject({ score: 2, total: 2, passed: true });
	});

	it('refuses invalid questions with a message per field, naming the row, and saves nothing', async () => {
		const bad = quizForm({
			slug: 'bad',
			title: {},
			passPercent: '120',
			questions: {
				'0': {
					kind: 'single',
					prompt: { ru: 'Два верных?' },
					options: { '0': { text: { ru: 'а' }, correct: 'on' }, '1': { text: { ru: 'б' }, correct: 'on' } }
				},
				'1': {
					kind: 'multiple',
					prompt: {},
					options: { '0': { text: { ru: 'а' } }, '1': { text: { ru: 'б' } } }
				},
				'2': { kind: 'numeric', prompt: { ru: 'Число?' }, answer: 'много', tolerance: '-1' },
				'3': {
					kind: 'single',
					prompt: { ru: 'Один вариант' },
					options: { '0': { text: { ru: 'а' }, correct: 'on' } }
				}
			}
		});
		const e = await failure(() => learning.saveQuiz(staff(), COURSE, 'yarn', null, bad));
		expect(e.code).toBe('INVALID');
		const keys = Object.fromEntries(Object.entries(e.fields ?? {}).map(([k, v]) => [k, v.key]));
		expect(keys).toMatchObject({
			passPercent: 'learning_error_pass_mark'
		});
		// The pass mark is checked first by the schema; with a valid one, every row's problem is named.
		const e2 = await failure(() =>
			learning.saveQuiz(staff(), COURSE, 'yarn', null, { ...bad, passPercent: '80' })
		);
		expect(Object.fromEntries(Object.entries(e2.fields ?? {}).map(([k, v]) => [k, v.key]))).toEqual({
			'title.ru': 'learning_error_title_one',
			'questions.0.options': 'learning_error_question_single',
			'questions.1.prompt': 'learning_error_question_prompt',
			'questions.1.options': 'learning_error_question_multiple',
			'questions.2.answer': 'learning_error_question_answer',
			'questions.2.tolerance': 'learning_error_question_tolerance',
			'questions.3.options': 'learning_error_question_options'
		});
		// An empty form: a message, nothing stored.
		expect((await failure(() => learning.saveQuiz(staff(), COURSE, 'yarn', null, {}))).code).toBe('INVALID');
		const noQuestions = await failure(() =>
			learning.saveQuiz(staff(), COURSE, 'yarn', null, { slug: 'empty', title: { ru: 'Пусто' } })
		);
		expect(noQuestions.fields?.questions?.key).toBe('learning_error_quiz_empty');
		expect((await course()).quizzes.map((z) => z.slug)).toEqual(['stitch-check']);
	});

	it('an edit keeps ids, bumps the version, and her earlier attempt and pass survive it', async () => {
		await learning.setPublication(staff(), COURSE, { publication: 'published' });
		await learning.submitQuiz(learner(), {
			course: COURSE,
			lesson: 'needles',
			quiz: 'stitch-check',
			answers: { q1: ['o1'], q2: ['1500'] },
			clientId: 'attempt-before-edit'
		});
		const before = (await course()).quizzes[0];
		// Edit: new wording in English, the numeric question removed, a multiple-choice one added, own pass mark.
		await learning.saveQuiz(staff(), COURSE, 'needles', 'stitch-check', {
			slug: 'stitch-check',
			title: { ru: 'Проверка', ky: 'Текшерүү', en: 'Check' },
			passPercent: '100',
			questions: {
				'0': {
					id: 'q1',
					kind: 'single',
					prompt: { ru: 'Сколько петель?', ky: 'Канча илмек?', en: 'How many stitches?' },
					options: {
						'0': { id: 'o1', text: { ru: 'Десять', ky: 'Он', en: 'Ten' }, correct: 'on' },
						'1': { id: 'o2', text: { ru: 'Двадцать', ky: 'Жыйырма', en: 'Twenty' } }
					}
				},
				'1': { id: 'q2', kind: 'numeric', prompt: { ru: 'x' }, answer: '1', remove: 'on' },
				'2': {
					id: '',
					kind: 'multiple',
					prompt: { ru: 'Что нужно?', ky: 'Эмне керек?', en: 'What is needed?' },
					options: {
						'0': { text: { ru: 'Пряжа', ky: 'Жип', en: 'Yarn' }, correct: 'on' },
						'1': { text: { ru: 'Спицы', ky: 'Шиш', en: 'Needles' }, correct: 'on' },
						'2': { text: { ru: 'Молоток', ky: 'Балка', en: 'A hammer' } }
					}
				}
			}
		});
		const after = (await course()).quizzes[0];
		expect(after.id).toBe(before.id);
		expect(after.version).toBe(before.version + 1);
		expect(after.passPercent).toBe(100);
		expect(after.questions.map((x) => x.id)).toEqual(['q1', 'q3']);
		expect(after.questions[0].options?.map((o) => o.id)).toEqual(['o1', 'o2']);
		// Her attempt is kept as taken, and the pass she earned still counts.
		const view = await learning.lessonView(learner(), COURSE, 'needles');
		expect(view.quizzes[0]).toMatchObject({ passPercent: 100, best: { score: 2, total: 2, passed: true } });
		// The new version is scored with its own pass mark.
		const partly = await learning.checkQuiz(learner(), COURSE, 'needles', 'stitch-check', {
			q1: ['o1'],
			q3: ['o1']
		});
		expect(partly).toMatchObject({ score: 1, total: 2, passed: false });
	});

	it('only staff who may edit the course author its quizzes', async () => {
		expect(
			(await failure(() => learning.saveQuiz(outsider(), COURSE, 'yarn', null, quizForm({ slug: 'x' })))).code
		).toBe('FORBIDDEN');
		expect(
			(await failure(() => learning.saveQuiz(learner(), COURSE, 'yarn', null, quizForm({ slug: 'x' })))).code
		).toBe('FORBIDDEN');
		expect((await failure(() => learning.editableQuiz(staff(), COURSE, 'yarn', 'nope'))).code).toBe(
			'NOT_FOUND'
		);
	});

	it('removes a quiz nobody has taken (confirmed, by an editor); one with attempts stays', async () => {
		await learning.saveQuiz(staff(), COURSE, 'yarn', null, quizForm({ slug: 'to-remove' }));
		const version = (await course()).course.version;
		expect(Object.keys((await course()).course.status)).toContain('quiz:to-remove');
		// Not confirmed, or not an editor: refused, nothing changes.
		const unconfirmed = await failure(() => learning.removeQuiz(staff(), COURSE, 'yarn', 'to-remove', {}));
		expect(unconfirmed.code).toBe('INVALID');
		expect(unconfirmed.fields?.confirm).toBeDefined();
		for (const who of [outsider(), learner()])
			expect(
				(await failure(() => learning.removeQuiz(who, COURSE, 'yarn', 'to-remove', { confirm: 'on' }))).code
			).toBe('FORBIDDEN');
		expect(
			(await failure(() => learning.removeQuiz(staff(), COURSE, 'needles', 'to-remove', { confirm: 'on' })))
				.code
		).toBe('NOT_FOUND');
		expect((await course()).quizzes.map((z) => z.slug)).toContain('to-remove');
		// Removed: gone from the outline and the status map, the course's version moved, audited.
		await learning.removeQuiz(staff(), COURSE, 'yarn', 'to-remove', { confirm: 'on' });
		const after = await course();
		expect(after.quizzes.map((z) => z.slug)).not.toContain('to-remove');
		expect(Object.keys(after.course.status)).not.toContain('quiz:to-remove');
		expect(after.course.version).toBe(version + 1);
		const audit = await db.handle.db.execute(
			sql`select count(*)::int as n from core_audit_log where action = 'learning.quiz.removed'`
		);
		expect(rowsOf<{ n: number }>(audit)[0].n).toBe(1);
		// The quiz she took (the earlier test's attempts): kept, with a message saying why.
		const taken = await failure(() =>
			learning.removeQuiz(staff(), COURSE, 'needles', 'stitch-check', { confirm: 'on' })
		);
		expect(taken).toMatchObject({ code: 'CONFLICT', messageKey: 'learning_error_quiz_taken' });
		expect((await course()).quizzes.map((z) => z.slug)).toContain('stitch-check');
	});
});

describe('outline', () => {
	const order = async () => {
		const { modules, lessons } = await course();
		return modules.map((m) => ({
			title: m.title.ru,
			lessons: lessons.filter((l) => l.moduleId === m.id).map((l) => l.slug)
		}));
	};

	it('adds, renames, reorders and removes modules, and moves lessons between them', async () => {
		expect(await order()).toEqual([{ title: 'Вязание', lessons: ['yarn', 'needles', 'stitches'] }]);
		await learning.editOutline(staff(), COURSE, { op: 'add-module', title: { ru: 'Практика' } });
		const [m1, m2] = (await course()).modules;
		await learning.editOutline(staff(), COURSE, { op: 'lesson-module', lesson: 'stitches', module: m2.id });
		await learning.editOutline(staff(), COURSE, {
			op: 'rename-module',
			module: m1.id,
			title: { ru: 'Основы' }
		});
		expect(await order()).toEqual([
			{ title: 'Основы', lessons: ['yarn', 'needles'] },
			{ title: 'Практика', lessons: ['stitches'] }
		]);
		// Down at the bottom of a module: to the start of the next one.
		await learning.editOutline(staff(), COURSE, { op: 'lesson-down', lesson: 'needles' });
		expect(await order()).toEqual([
			{ title: 'Основы', lessons: ['yarn'] },
			{ title: 'Практика', lessons: ['needles', 'stitches'] }
		]);
		await learning.editOutline(staff(), COURSE, { op: 'lesson-down', lesson: 'needles' });
		await learning.editOutline(staff(), COURSE, { op: 'module-up', module: m2.id });
		expect(await order()).toEqual([
			{ title: 'Практика', lessons: ['stitches', 'needles'] },
			{ title: 'Основы', lessons: ['yarn'] }
		]);
		// Reading order follows the outline (next lesson, packs).
		const view = await learning.lessonView(learner(), COURSE, 'needles');
		expect([view.previous?.slug, view.next?.slug]).toEqual(['stitches', 'yarn']);
		// Up at the top of a module: to the end of the one before.
		await learning.editOutline(staff(), COURSE, { op: 'lesson-up', lesson: 'yarn' });
		expect(await order()).toEqual([
			{ title: 'Практика', lessons: ['stitches', 'needles', 'yarn'] },
			{ title: 'Основы', lessons: [] }
		]);
		await learning.editOutline(staff(), COURSE, { op: 'remove-module', module: m1.id });
		expect(await order()).toEqual([{ title: 'Практика', lessons: ['stitches', 'needles', 'yarn'] }]);
		// Her progress is kept by lesson id through every move.
		const quizzes = (await course()).quizzes;
		expect(quizzes[0].lessonId).toBe(`${(await course()).course.id}/needles`);
	});

	it('refuses an empty form, the last module and a module with lessons, changing nothing', async () => {
		const before = await order();
		const version = (await course()).course.version;
		for (const raw of [
			{},
			{ op: '' },
			{ op: 'explode' },
			{ op: 'module-up' },
			{ op: 'lesson-module', lesson: 'yarn' }
		])
			expect((await failure(() => learning.editOutline(staff(), COURSE, raw))).code).toBe('INVALID');
		const only = (await course()).modules[0];
		expect(
			(await failure(() => learning.editOutline(staff(), COURSE, { op: 'remove-module', module: only.id })))
				.code
		).toBe('CONFLICT');
		await learning.editOutline(staff(), COURSE, { op: 'add-module', title: { en: 'Extra' } });
		expect(
			(await failure(() => learning.editOutline(staff(), COURSE, { op: 'remove-module', module: only.id })))
				.code
		).toBe('CONFLICT');
		expect(
			(await failure(() => learning.editOutline(staff(), COURSE, { op: 'add-module', title: {} }))).code
		).toBe('INVALID');
		expect(
			(
				await failure(() =>
					learning.editOutline(outsider(), COURSE, { op: 'add-module', title: { ru: 'x' } })
				)
			).code
		).toBe('FORBIDDEN');
		const after = await order();
		expect(after.slice(0, 1)).toEqual(before);
		expect((await course()).course.version).toBe(version + 1);
	});
});

describe('images in offline packs', () => {
	it('the offline pack lists its images and counts them; the file pack inlines a phone-sized copy', async () => {
		const photo = await sharp({
			create: { width: 1600, height: 900, channels: 3, background: { r: 180, g: 90, b: 40 } }
		})
			.jpeg()
			.toBuffer();
		const { markdown, url } = await learning.uploadImage(
			staff(),
			COURSE,
			new Uint8Array(photo),
			'Войлок [сушка]'
		);
		expect(markdown).toBe(`![Войлок сушка](${url})`);
		const yarn = (await course()).lessons.find((l) => l.slug === 'yarn')!;
		await learning.saveLesson(staff(), COURSE, 'yarn', {
			slug: 'yarn',
			minutes: 5,
			title: yarn.title,
			body: {
				...yarn.body,
				ru: `${yarn.body.ru}\n\n${markdown}\n\n![нет такого](/files/${'0'.repeat(64)}.jpg)`
			}
		});
		await learning.setPublication(staff(), COURSE, { publication: 'published' });
		const ctx = db.ctx({ locale: 'ru', now: NOW });
		const offline = await learning.coursePack(ctx, COURSE, 'offline');
		expect(offline.assets).toEqual([url]);
		expect(offline.html).toContain(`<img src="${url}"`);
		expect(offline.assetBytes).toBeGreaterThan(0);
		// A missing image: its description, not a broken request.
		expect(offline.html).toContain('<em>[нет такого]</em>');
		const file = await learning.coursePack(ctx, COURSE, 'file');
		expect(file.html).not.toContain('/files/');
		const uri = /<img src="data:image\/jpeg;base64,([A-Za-z0-9+/=]+)" width="(\d+)" height="(\d+)"/.exec(
			file.html
		);
		expect(uri).not.toBeNull();
		expect(Number(uri![2])).toBeLessThanOrEqual(640);
		const inlined = await sharp(Buffer.from(uri![1], 'base64')).metadata();
		expect([inlined.width, inlined.height]).toEqual([Number(uri![2]), Number(uri![3])]);
		expect(file.bytes).toBe(Buffer.byteLength(file.html));
		// The sizes shown before a download include the images, computed without reading them.
		const sizes = await learning.packSizes(ctx, COURSE);
		expect(sizes).toEqual({
			offlineBytes: offline.gzipBytes + offline.assetBytes,
			fileBytes: file.bytes,
			assets: [url]
		});
	});
});
