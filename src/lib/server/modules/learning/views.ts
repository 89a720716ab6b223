import { z } from 'zod';
import type { ServiceContext } from '../../core';
import { courseView, lessonView, listCourses, type Localized } from './courses';

/**
 * The API's views of courses and lessons (the zod schemas feed /api/v1/openapi.json). Lessons carry
 * their sanitized HTML and the language it is in; quiz answer keys are never in the API.
 */

const localized = z.object({ text: z.string(), locale: z.string(), fallback: z.boolean() });

export const courseListItemView = z.object({
	slug: z.string(),
	title: localized,
	summary: localized,
	level: z.string(),
	lessons: z.number().int(),
	minutes: z.number().int(),
	machineDraft: z
		.boolean()
		.meta({ description: 'The text in this language is a machine draft not yet reviewed' }),
	url: z.string()
});
export const courseListView = z.object({ courses: z.array(courseListItemView) });

export const courseDetailView = z.object({
	slug: z.string(),
	title: localized,
	summary: localized,
	level: z.string(),
	minutes: z.number().int(),
	passPercent: z.number().int(),
	version: z.number().int(),
	updatedAt: z.string(),
	sources: z.array(
		z.object({ id: z.string(), title: z.string(), publisher: z.string(), date: z.string(), url: z.string() })
	),
	lessons: z.array(
		z.object({
			slug: z.string(),
			title: localized,
			minutes: z.number().int(),
			hasQuiz: z.boolean(),
			url: z.string()
		})
	),
	translation: z.array(
		z.object({
			locale: z.string(),
			present: z.number().int(),
			drafts: z.number().int(),
			total: z.number().int()
		})
	)
});

export const lessonDetailView = z.object({
	course: z.string(),
	slug: z.string(),
	version: z.number().int(),
	title: localized,
	html: z.string().meta({ description: 'Sanitized HTML rendered from the lesson Markdown' }),
	locale: z.string(),
	fallback: z.boolean(),
	status: z.string(),
	minutes: z.number().int(),
	videoUrl: z.string().nullable(),
	quizzes: z.array(
		z.object({
			slug: z.string(),
			title: localized,
			questions: z.array(
				z.object({
					id: z.string(),
					kind: z.enum(['single', 'multiple', 'numeric']),
					prompt: z.string(),
					options: z.array(z.object({ id: z.string(), text: z.string() }))
				})
			)
		})
	)
});

export const progressView = z.object({
	lastLessonId: z.string().nullable(),
	country: z.string().nullable(),
	region: z.string().nullable(),
	courses: z.array(
		z.object({
			course: z.string(),
			lessonsRead: z.array(z.object({ lesson: z.string(), at: z.string() })),
			quizzes: z.array(
				z.object({ quiz: z.string(), bestScore: z.number(), total: z.number().int(), passed: z.boolean() })
			),
			certificate: z.object({ code: z.string(), issuedAt: z.string(), revoked: z.boolean() }).nullable()
		})
	)
});

const strip = (l: Localized) => ({ text: l.text, locale: l.locale, fallback: l.fallback });

export async function courseListApiView(ctx: ServiceContext): Promise<z.infer<typeof courseListView>> {
	const courses = (await listCourses(ctx)).filter((c) => c.publication === 'published');
	return {
		courses: courses.map((c) => ({
			slug: c.slug,
			title: strip(c.title),
			summary: strip(c.summary),
			level: c.level,
			lessons: c.lessons,
			minutes: c.minutes,
			machineDraft: c.draftText,
			url: `${ctx.platform.origin}/${ctx.locale}/learn/${c.slug}`
		}))
	};
}

export async function courseApiView(
	ctx: ServiceContext,
	slug: string
): Promise<z.infer<typeof courseDetailView>> {
	const c = await courseView(ctx, slug);
	return {
		slug: c.slug,
		title: strip(c.title),
		summary: strip(c.summary),
		level: c.level,
		minutes: c.minutes,
		passPercent: c.passPercent,
		version: c.version,
		updatedAt: c.updatedAt,
		sources: c.sources,
		lessons: c.modules.flatMap((m) =>
			m.lessons.map((l) => ({
				slug: l.slug,
				title: strip(l.title),
				minutes: l.minutes,
				hasQuiz: l.hasQuiz,
				url: `${ctx.platform.origin}/${ctx.locale}/learn/${c.slug}/${l.slug}`
			}))
		),
		translation: c.translation
	};
}

export async function lessonApiView(
	ctx: ServiceContext,
	course: string,
	lesson: string
): Promise<z.infer<typeof lessonDetailView>> {
	const l = await lessonView(ctx, course, lesson);
	return {
		course: l.course.slug,
		slug: l.slug,
		version: l.version,
		title: strip(l.title),
		html: l.html,
		locale: l.bodyLocale,
		fallback: l.bodyFallback,
		status: l.status,
		minutes: l.minutes,
		videoUrl: l.videoUrl,
		quizzes: l.quizzes.map((z) => ({
			slug: z.slug,
			title: strip(z.title),
			questions: z.questions.map((x) => ({
				id: x.id,
				kind: x.kind,
				prompt: x.prompt,
				options: x.options.map((o) => ({ id: o.id, text: o.text }))
			}))
		}))
	};
}
