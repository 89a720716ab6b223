import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { AppError, computeIndicators } from '#lib/server/core';
import { rowsOf } from '#lib/server/db';
import { authUser, organization } from '#lib/server/db/schema';
import { learning, learningModule } from './index';
import { readSeedCourses } from './seed';

let db: TestDb;
const NOW = new Date('2026-12-01T09:00:00Z');
const ORG = 'o-learn';
const learner = (id = 'u-learner') => db.ctx({ actor: actor(id), now: NOW });
const anon = () => db.ctx({ now: NOW });
const staff = () =>
	db.ctx({
		actor: actor(
			'u-staff',
			[],
			[{ organizationId: ORG, organizationKind: 'business_association', country: 'KG', role: 'staff' }]
		),
		now: NOW
	});
const member = () =>
	db.ctx({
		actor: actor(
			'u-member',
			[],
			[{ organizationId: ORG, organizationKind: 'business_association', country: 'KG', role: 'member' }]
		),
		now: NOW
	});
const admin = () =>
	db.ctx({
		actor: actor('u-admin', [{ role: 'platform_admin', country: null, organizationId: null }]),
		now: NOW
	});

async function code(call: () => Promise<unknown>): Promise<string | null> {
	return call().then(
		() => null,
		(e: unknown) => (e instanceof AppError ? e.code : String(e))
	);
}

/** Answers that pass every quiz of a seeded course (from the seed's answer key). */
function passingAnswers(courseSlug: string) {
	const seeded = readSeedCourses().find((c) => c.meta.slug === courseSlug)!;
	return seeded.quizzes.map((z) => ({
		lesson: z.afterLesson,
		quiz: z.id,
		answers: Object.fromEntries(
			z.questions.map((q) => [
				q.id,
				q.kind === 'numeric'
					? [String(q.answer)]
					: (q.options ?? []).filter((o) => o.correct).map((o) => o.id)
			])
		)
	}));
}

beforeAll(async () => {
	db = await createTestDb({ seed: true });
	for (const id of ['u-learner', 'u-other', 'u-staff', 'u-member', 'u-admin'])
		await db.handle.db.insert(authUser).values({
			id,
			name: id === 'u-learner' ? 'Айгүл Осмонова' : id,
			email: `${id}@example.org`,
			locale: 'ky'
		});
	await db.handle.db
		.insert(organization)
		.values({ id: ORG, slug: 'learn-org', kind: 'business_association', name: { en: 'Org' }, country: 'KG' });
});
afterAll(async () => db?.close());

describe('courses from seed/learning', () => {
	it('seeds the six courses, their lessons and quizzes, published, with the status per field', async () => {
		const courses = await learning.listCourses(anon());
		expect(courses.map((c) => c.slug)).toEqual([
			'business-money',
			'pricing-handmade',
			'loans',
			'selling-online',
			'social-entrepreneurship',
			'respect-at-work'
		]);
		expect(courses.reduce((s, c) => s + c.lessons, 0)).toBe(20);
		expect(courses.every((c) => c.draftText)).toBe(true);
		const loans = await learning.courseView(db.ctx({ locale: 'ky' }), 'loans');
		expect(loans.title.locale).toBe('ky');
		expect(loans.sources.map((s) => s.id)).toContain('kg-nbkr-33-4');
		expect(loans.translation.find((t) => t.locale === 'uz')).toMatchObject({
			present: loans.translation[0].total
		});
		expect(loans.progress).toBeNull();
	});

	it('renders a lesson in her language, sanitized, with its quiz but never the answers', async () => {
		const lesson = await learning.lessonView(db.ctx({ locale: 'tg' }), 'loans', '05-warning-signs');
		expect(lesson.bodyLocale).toBe('tg');
		expect(lesson.html).toContain('<h2');
		expect(lesson.quizzes).toHaveLength(1);
		expect(JSON.stringify(lesson.quizzes)).not.toContain('"correct":true');
		const api = await learning.lessonApiView(db.ctx({ locale: 'tg' }), 'loans', '05-warning-signs');
		expect(JSON.stringify(api)).not.toMatch(/"correct"|"answer"/);
	});
});

describe('progress, quizzes and certificates', () => {
	it('stores nothing for a visitor: reading and checking a quiz leave no row', async () => {
		await learning.noteLessonOpened(anon(), 'business-money', '01-two-purses');
		const [quiz] = passingAnswers('business-money');
		const result = await learning.checkQuiz(anon(), 'business-money', quiz.lesson, quiz.quiz, quiz.answers);
		expect(result.passed).toBe(true);
		expect(await code(() => learning.markLessonRead(anon(), 'business-money', '01-two-purses'))).toBe(
			'UNAUTHENTICATED'
		);
		const [r] = rowsOf<{ n: number }>(
			await db.handle.db.execute(
				sql`select (select count(*) from learning_lesson_progress) + (select count(*) from learning_quiz_attempt) + (select count(*) from learning_learner) as n`
			)
		);
		expect(Number(r.n)).toBe(0);
	});

	it('resumes where she stopped, keeps each attempt once per client id, issues the certificate when done', async () => {
		const ctx = learner();
		await learning.setPlace(ctx, { place: 'KG-C' });
		await learning.markLessonRead(ctx, 'business-money', '01-two-purses');
		await learning.noteLessonOpened(ctx, 'business-money', '02-cash-book');
		let view = await learning.courseView(ctx, 'business-money');
		expect(view.progress).toMatchObject({ read: 1, total: 3, resume: '02-cash-book' });

		const [quiz] = passingAnswers('business-money');
		const wrong = Object.fromEntries(Object.keys(quiz.answers).map((k) => [k, ['zzz']]));
		const failed = await learning.submitQuiz(ctx, {
			course: 'business-money',
			...quiz,
			answers: wrong,
			clientId: 'attempt-0001'
		});
		expect(failed).toMatchObject({ passed: false, created: true, certificateCode: null });
		// The same attempt sent twice (a double click, a repeated sync) is one attempt.
		const again = await learning.submitQuiz(ctx, {
			course: 'business-money',
			...quiz,
			answers: quiz.answers,
			clientId: 'attempt-0001'
		});
		expect(again).toMatchObject({ passed: false, created: false });

		await learning.markLessonRead(ctx, 'business-money', '02-cash-book');
		await learning.markLessonRead(ctx, 'business-money', '03-cash-flow');
		view = await learning.courseView(ctx, 'business-money');
		expect(view.certificateCode).toBeNull();
		const passed = await learning.submitQuiz(ctx, {
			course: 'business-money',
			...quiz,
			clientId: 'attempt-0002'
		});
		expect(passed.passed).toBe(true);
		expect(passed.certificateCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);

		const check = await learning.verifyCertificate(anon(), passed.certificateCode!.toLowerCase());
		expect(check).toMatchObject({
			name: 'Айгүл Осмонова',
			valid: true,
			canRevoke: false,
			courseSlug: 'business-money'
		});
		const progress = await learning.myProgress(ctx);
		expect(progress.region).toBe('KG-C');
		expect(progress.courses[0].certificate?.code).toBe(passed.certificateCode);
	});

	it('prints the certificate as a PDF in her language, hers only', async () => {
		const [c] = (await learning.myProgress(learner())).courses;
		const pdf = await learning.certificatePdf(
			db.ctx({ actor: actor('u-learner'), locale: 'ky', now: NOW }),
			c.certificate!.code,
			'ky'
		);
		expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.bytes.byteLength).toBeGreaterThan(5000);
		expect(await code(() => learning.certificatePdf(learner('u-other'), c.certificate!.code))).toBe(
			'NOT_FOUND'
		);
		expect(await code(() => learning.certificatePdf(anon(), c.certificate!.code))).toBe('UNAUTHENTICATED');
	});

	it('keeps progress across an edit of the lesson (progress is by lesson, not by version)', async () => {
		await db.handle.db.execute(
			sql`update learning_lesson set version = version + 1, body = body || '{"en":"Edited"}'::jsonb where id = 'business-money/01-two-purses'`
		);
		const view = await learning.courseView(learner(), 'business-money');
		expect(view.progress?.read).toBe(3);
		expect(view.certificateCode).not.toBeNull();
	});

	it('quiz attempts are append-only in the database', async () => {
		for (const [statement, op] of [
			[sql`update learning_quiz_attempt set score = 99`, 'UPDATE'],
			[sql`delete from learning_quiz_attempt`, 'DELETE'],
			[sql`truncate learning_quiz_attempt`, 'TRUNCATE']
		] as const) {
			const error = await db.handle.db.execute(statement).then(
				() => null,
				(e: unknown) => e
			);
			const messages: string[] = [];
			for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
				messages.push(String(e.message));
			expect(messages.join(' | ')).toContain(`learning_quiz_attempt is append-only: ${op} refused`);
		}
	});

	it('syncs what an offline pack recorded, idempotently', async () => {
		const ctx = learner('u-other');
		const quizzes = passingAnswers('pricing-handmade').map((q, i) => ({
			...q,
			clientId: `offline-${i}-abcdef`
		}));
		const payload = {
			course: 'pricing-handmade',
			lessons: readSeedCourses()
				.find((c) => c.meta.slug === 'pricing-handmade')!
				.lessons.map((l) => ({ lesson: l.slug, at: '2026-11-30T10:00:00Z' })),
			quizzes
		};
		expect(await learning.syncOffline(ctx, payload)).toEqual({ lessons: 3, attempts: quizzes.length });
		expect(await learning.syncOffline(ctx, payload)).toEqual({ lessons: 0, attempts: 0 });
		const view = await learning.courseView(ctx, 'pricing-handmade');
		expect(view.progress).toMatchObject({ read: 3, quizzesPassed: quizzes.length });
		expect(view.certificateCode).not.toBeNull();
		expect(await code(() => learning.syncOffline(anon(), payload))).toBe('UNAUTHENTICATED');
		expect(
			await code(() =>
				learning.syncOffline(ctx, { course: 'pricing-handmade', lessons: [{ lesson: 'Bad Slug!' }] })
			)
		).toBe('INVALID');
	});

	it('staff revoke a certificate (Birge courses: platform admins); the check page then says revoked', async () => {
		const [c] = (await learning.myProgress(learner())).courses;
		const certCode = c.certificate!.code;
		expect(await code(() => learning.revokeCertificate(learner(), { code: certCode, reason: 'x' }))).toBe(
			'FORBIDDEN'
		);
		expect(await code(() => learning.revokeCertificate(staff(), { code: certCode, reason: 'x' }))).toBe(
			'FORBIDDEN'
		);
		expect(await code(() => learning.revokeCertificate(admin(), { code: certCode, reason: '' }))).toBe(
			'INVALID'
		);
		await learning.revokeCertificate(admin(), { code: certCode, reason: 'Issued by mistake' });
		const check = await learning.verifyCertificate(anon(), certCode);
		expect(check).toMatchObject({ valid: false, revokeReason: null });
		expect((await learning.verifyCertificate(admin(), certCode)).revokeReason).toBe('Issued by mistake');
		expect(await code(() => learning.verifyCertificate(anon(), 'AAAA-BBBB-CCCC'))).toBe('NOT_FOUND');
	});

	it('counts learners, lessons, completions and certificates by country and region', async () => {
		const rows = (
			await computeIndicators(db.ctx({ now: NOW }), [learningModule], {
				periods: ['2026-12'],
				countries: ['KG'],
				dimensions: ['region']
			})
		).filter((r) => r.dimension === null);
		const byName = Object.fromEntries(rows.map((r) => [r.indicator, r]));
		// One learner in KG (the other gave no place): small counts are suppressed, never shown as numbers.
		for (const name of [
			'learning.learners_active',
			'learning.lessons_completed',
			'learning.courses_completed'
		])
			expect(byName[name]).toMatchObject({ status: 'suppressed', value: null });
		// Her one certificate was revoked: nothing valid to count.
		expect(byName['learning.certificates_issued']?.value ?? 0).toBe(0);
		const [raw] = await learningModule.indicators!.filter((d) => d.name === 'learning.courses_completed');
		expect(raw.dimensions).toEqual(['region']);
	});
});

describe('authoring', () => {
	it('staff of a member organization create, edit, preview and publish; others are refused', async () => {
		const course = {
			slug: 'felt-care',
			organizationId: ORG,
			level: 'beginner',
			title: { ru: 'Уход за войлоком' },
			summary: { ru: 'Кратко' },
			passPercent: 70
		};
		expect(await code(() => learning.createCourse(member(), course))).toBe('FORBIDDEN');
		expect(await code(() => learning.createCourse(learner(), course))).toBe('FORBIDDEN');
		expect(await code(() => learning.createCourse(anon(), course))).toBe('UNAUTHENTICATED');
		await learning.createCourse(staff(), course);
		expect(await code(() => learning.createCourse(staff(), course))).toBe('INVALID');
		// A draft is invisible to learners.
		expect(await code(() => learning.courseView(learner(), 'felt-care'))).toBe('NOT_FOUND');
		expect(
			await code(() => learning.setPublication(staff(), 'felt-care', { publication: 'published' }))
		).toBe('CONFLICT');
		await learning.saveLesson(staff(), 'felt-care', null, {
			slug: 'washing',
			minutes: 5,
			title: { ru: 'Стирка' },
			body: { ru: '## Вода\n\n<script>alert(1)</script> [x](javascript:alert(1))' }
		});
		// A draft does not exist for those who may not edit it.
		expect(
			await code(() =>
				learning.saveLesson(member(), 'felt-care', 'washing', {
					slug: 'washing',
					minutes: 5,
					title: { ru: 'X' },
					body: {}
				})
			)
		).toBe('NOT_FOUND');
		expect(
			await code(() =>
				learning.saveLesson(staff(), 'felt-care', null, {
					slug: 'x',
					minutes: 0,
					title: { ru: 'X' },
					body: {}
				})
			)
		).toBe('INVALID');
		await learning.setPublication(staff(), 'felt-care', { publication: 'published' });
		expect(
			await code(() =>
				learning.saveLesson(member(), 'felt-care', 'washing', {
					slug: 'washing',
					minutes: 5,
					title: { ru: 'X' },
					body: {}
				})
			)
		).toBe('FORBIDDEN');
		expect(await code(() => learning.setPublication(member(), 'felt-care', { publication: 'draft' }))).toBe(
			'FORBIDDEN'
		);
		const lesson = await learning.lessonView(db.ctx({ locale: 'ru' }), 'felt-care', 'washing');
		expect(lesson.html).not.toMatch(/<script|href="javascript:/);
		expect(lesson.status).toBe('machine-draft');
		expect(learning.previewMarkdown(staff(), '<script>x</script>')).not.toContain('<script');
		expect(() => learning.previewMarkdown(learner(), 'x')).toThrow(AppError);
		// Birge's own courses: platform admins only.
		expect(
			await code(() =>
				learning.updateCourse(staff(), 'loans', { level: 'beginner', title: { en: 'X' }, summary: {} })
			)
		).toBe('FORBIDDEN');
	});

	it('uploads: images through core images, audio sniffed and size-limited', async () => {
		expect(
			await code(() =>
				learning.uploadAudio(
					staff(),
					'felt-care',
					'washing',
					'ru',
					new TextEncoder().encode('<html>not audio</html>')
				)
			)
		).toBe('INVALID');
		// A minimal MPEG audio frame header (ID3 tag) is accepted.
		const id3 = new Uint8Array([
			0x49,
			0x44,
			0x33,
			0x03,
			0x00,
			0x00,
			0x00,
			0x00,
			0x00,
			0x0a,
			...new Array(20).fill(0)
		]);
		await learning.uploadAudio(staff(), 'felt-care', 'washing', 'ru', id3);
		const lesson = await learning.lessonView(db.ctx({ locale: 'ru' }), 'felt-care', 'washing');
		expect(lesson.audioUrl).toMatch(/^\/files\/[0-9a-f]{64}\.mp3$/);
		expect(
			await code(() => learning.uploadImage(member(), 'felt-care', new Uint8Array([1, 2, 3]), 'x'))
		).toBe('FORBIDDEN');
	});
});

describe('course packs', () => {
	it('builds the offline and the one-file pack, with sizes, answers only where they belong', async () => {
		const ctx = db.ctx({ locale: 'kk' });
		const offline = await learning.coursePack(ctx, 'loans', 'offline');
		const file = await learning.coursePack(ctx, 'loans', 'file');
		expect(offline.html).toContain('/js/learn-offline.js');
		expect(file.html).not.toMatch(/<script/);
		expect(file.html).toContain('<details>');
		expect(file.bytes).toBeLessThan(300 * 1024);
		expect(offline.gzipBytes).toBeLessThan(offline.bytes);
		const sizes = await learning.packSizes(ctx, 'loans');
		expect(sizes).toEqual({ offlineBytes: offline.gzipBytes, fileBytes: file.bytes, assets: [] });
	});
});
