import { randomUUID } from 'node:crypto';
import { AppError, parseInput, requireUser, writeAudit, type ServiceContext } from '../../core';
import { storeFile } from '../../core/files';
import { putImage } from '../../core/images';
import { LOCALES, type Locale } from '#lib/i18n/locales';
import { authorOrganizations, isAuthor, mayEdit, requireAuthor, requireEditor } from './access';
import { loadCourse } from './courses';
import { courseInput, lessonInput, publicationInput } from './inputs';
import { renderMarkdown } from './markdown';
import * as q from './queries';
import type { CourseRow } from './queries';
import type { StatusMap } from './schema';
import { followMarks, writtenText } from './marks';

/**
 * Authoring by staff of member organizations (and platform admins for Birge's own courses): a course
 * and its lessons in a form, Markdown per locale with a server-rendered preview (the same sanitizer as
 * the lesson page), images through core images (EXIF and GPS stripped) and audio per locale through
 * core files (type sniffed from the bytes, size limited), the translation status per field and
 * locale, publish and unpublish. Every edit bumps the version; progress is kept by lesson id.
 */

/** Within the web server's body limit (BODY_SIZE_LIMIT 11M in scripts/server.js). */
export const MAX_AUDIO_BYTES = 10 * 1024 * 1024;
export const AUDIO_TYPES = ['audio/mpeg', 'audio/ogg', 'audio/mp4'] as const;

type Text = Partial<Record<Locale, string>>;

function clean(text: Partial<Record<Locale, string | undefined>>): Text {
	const out: Text = {};
	for (const l of LOCALES) {
		const v = text[l]?.trim();
		if (v) out[l] = v;
	}
	return out;
}

/**
 * The module's status of a field: a text changed in a locale becomes a draft again there until a
 * reviewer marks it reviewed. `followMarks` then brings every locale but the source in line with core's
 * marks (a locale she wrote or ticked is hers, reviewed).
 */
function restatus(
	status: StatusMap,
	field: string,
	before: Text,
	after: Text,
	reviewed: readonly Locale[]
): StatusMap {
	const next: StatusMap = { ...status, [field]: { ...(status[field] ?? {}) } };
	for (const l of LOCALES) {
		if (!after[l]) next[field][l] = 'missing';
		else if (reviewed.includes(l)) next[field][l] = 'reviewed';
		else if (after[l] !== before[l] || !next[field][l] || next[field][l] === 'missing')
			next[field][l] = 'machine-draft';
	}
	return next;
}

function reviewedLocales(raw: unknown): Locale[] {
	const values = Array.isArray(raw) ? raw : raw ? [raw] : [];
	return LOCALES.filter((l) => values.includes(l));
}

export async function authorHome(ctx: ServiceContext) {
	requireUser(ctx);
	if (!isAuthor(ctx)) throw new AppError('FORBIDDEN', { messageKey: 'learning_error_not_author' });
	const rows = (await q.listCourses(ctx.db, { publishedOnly: false })).filter((c) => mayEdit(ctx, c));
	return { courses: rows, organizations: authorOrganizations(ctx) };
}

export async function createCourse(ctx: ServiceContext, raw: unknown) {
	const input = parseInput(courseInput, raw);
	const organizationId = input.organizationId || null;
	requireAuthor(ctx, organizationId);
	if (await q.courseBySlug(ctx.db, input.slug))
		throw new AppError('INVALID', { fields: { slug: { key: 'learning_error_slug_taken' } } });
	const title = clean(input.title);
	if (!Object.keys(title).length)
		throw new AppError('INVALID', { fields: { 'title.ru': { key: 'learning_error_title_one' } } });
	const id = randomUUID();
	const summary = clean(input.summary);
	// Her texts: the language she wrote in is the source, the others her translations (issue 18).
	const titleText = writtenText(ctx, null, title);
	const summaryText = writtenText(ctx, null, summary);
	const status = followMarks(
		followMarks(restatus(restatus({}, 'title', {}, title, []), 'summary', {}, summary, []), 'title', [
			titleText
		]),
		'summary',
		[summaryText]
	);
	await ctx.db.transaction(async (tx) => {
		await q.upsertCourse(tx, {
			id,
			slug: input.slug,
			level: input.level,
			title: titleText,
			summary: summaryText,
			status,
			passPercent: input.passPercent,
			organizationId,
			publication: 'draft',
			position: 100
		});
		await q.upsertModule(tx, { id: `${id}/m1`, courseId: id, position: 1, title: titleText });
		await writeAudit(
			{ ...ctx, db: tx },
			{
				action: 'learning.course.created',
				entity: 'learning_course',
				entityId: id,
				after: { slug: input.slug }
			}
		);
	});
	return { slug: input.slug };
}

export async function editableCourse(ctx: ServiceContext, slug: string) {
	const c = await loadCourse(ctx, slug);
	requireEditor(ctx, c);
	const { modules, lessons, quizzes } = await q.outline(ctx.db, c.id);
	return { course: c, modules, lessons, quizzes };
}

export async function updateCourse(ctx: ServiceContext, slug: string, raw: Record<string, unknown>) {
	const c = await loadCourse(ctx, slug);
	requireEditor(ctx, c);
	const input = parseInput(courseInput, { ...raw, slug });
	const title = clean(input.title);
	if (!Object.keys(title).length)
		throw new AppError('INVALID', { fields: { 'title.ru': { key: 'learning_error_title_one' } } });
	const summary = clean(input.summary);
	const reviewedTitle = reviewedLocales(raw.reviewedTitle);
	const reviewedSummary = reviewedLocales(raw.reviewedSummary);
	// Core's marks carried: the locales she changed (or ticked) are hers, the others keep theirs.
	const titleText = writtenText(ctx, c.title, title, reviewedTitle);
	const summaryText = writtenText(ctx, c.summary, summary, reviewedSummary);
	const status = followMarks(
		followMarks(
			restatus(
				restatus(c.status, 'title', c.title, title, reviewedTitle),
				'summary',
				c.summary,
				summary,
				reviewedSummary
			),
			'title',
			[titleText]
		),
		'summary',
		[summaryText]
	);
	await ctx.db.transaction(async (tx) => {
		await q.updateCourse(tx, c.id, {
			title: titleText,
			summary: summaryText,
			status,
			level: input.level,
			passPercent: input.passPercent,
			version: c.version + 1,
			updatedAt: ctx.clock()
		});
		await writeAudit(
			{ ...ctx, db: tx },
			{
				action: 'learning.course.updated',
				entity: 'learning_course',
				entityId: c.id,
				before: { version: c.version },
				after: { version: c.version + 1 }
			}
		);
	});
}

/** Publishes or unpublishes; a form without a valid `publication` is refused and changes nothing. */
export async function setPublication(ctx: ServiceContext, slug: string, raw: unknown) {
	const c = await loadCourse(ctx, slug);
	requireEditor(ctx, c);
	const { publication } = parseInput(publicationInput, raw);
	if (publication === c.publication) return;
	if (publication === 'published') {
		const { lessons } = await q.outline(ctx.db, c.id);
		if (lessons.length === 0) throw new AppError('CONFLICT', { messageKey: 'learning_error_no_lessons' });
	}
	await ctx.db.transaction(async (tx) => {
		await q.updateCourse(tx, c.id, { publication, updatedAt: ctx.clock() });
		await writeAudit(
			{ ...ctx, db: tx },
			{ action: `learning.course.${publication}`, entity: 'learning_course', entityId: c.id }
		);
	});
}

/** Creates (no `lessonSlug`) or edits a lesson. */
export async function saveLesson(
	ctx: ServiceContext,
	courseSlug: string,
	lessonSlug: string | null,
	raw: Record<string, unknown>
) {
	const c = await loadCourse(ctx, courseSlug);
	requireEditor(ctx, c);
	const input = parseInput(lessonInput, raw);
	const title = clean(input.title);
	const body = clean(input.body);
	if (!Object.keys(title).length)
		throw new AppError('INVALID', { fields: { 'title.ru': { key: 'learning_error_title_one' } } });
	const { lessons, modules } = { ...(await q.outline(ctx.db, c.id)) };
	const existing = lessonSlug ? lessons.find((l) => l.slug === lessonSlug) : null;
	if (lessonSlug && !existing) throw new AppError('NOT_FOUND');
	if (lessons.some((l) => l.slug === input.slug && l.id !== existing?.id))
		throw new AppError('INVALID', { fields: { slug: { key: 'learning_error_slug_taken' } } });
	const field = `lesson:${input.slug}`;
	const reviewed = reviewedLocales(raw.reviewed);
	// Core's marks carried (issue 18); the module's status of a lesson is its body's.
	const titleText = writtenText(ctx, existing?.title, title, reviewed);
	const bodyText = writtenText(ctx, existing?.body, body, reviewed);
	const status = followMarks(restatus(c.status, field, existing?.body ?? {}, body, reviewed), field, [
		bodyText
	]);
	await ctx.db.transaction(async (tx) => {
		const id = existing?.id ?? `${c.id}/${input.slug}`;
		await q.upsertLesson(tx, {
			id,
			courseId: c.id,
			moduleId: existing?.moduleId ?? modules[modules.length - 1]?.id ?? `${c.id}/m1`,
			slug: input.slug,
			position: existing?.position ?? lessons.length + 1,
			minutes: input.minutes,
			title: titleText,
			body: bodyText,
			audio: existing?.audio ?? {},
			videoUrl: input.videoUrl || null,
			sourceIds: existing?.sourceIds ?? [],
			version: (existing?.version ?? 0) + 1,
			updatedAt: ctx.clock()
		});
		await q.updateCourse(tx, c.id, { status, version: c.version + 1, updatedAt: ctx.clock() });
		await writeAudit(
			{ ...ctx, db: tx },
			{
				action: existing ? 'learning.lesson.updated' : 'learning.lesson.created',
				entity: 'learning_lesson',
				entityId: id,
				after: { version: (existing?.version ?? 0) + 1 }
			}
		);
	});
	return { slug: input.slug };
}

/** The preview the author sees: the same sanitizer as the lesson page. */
export function previewMarkdown(ctx: ServiceContext, markdown: string): string {
	requireUser(ctx);
	if (!isAuthor(ctx)) throw new AppError('FORBIDDEN', { messageKey: 'learning_error_not_author' });
	return renderMarkdown(markdown.slice(0, 40000));
}

/** An image for a lesson: returns the Markdown to paste (a public, content-hashed, EXIF-free image). */
export async function uploadImage(ctx: ServiceContext, courseSlug: string, bytes: Uint8Array, alt: string) {
	const c: CourseRow = await loadCourse(ctx, courseSlug);
	requireEditor(ctx, c);
	const image = await putImage(ctx, {
		bytes,
		ownerModule: 'learning',
		ownerId: c.id,
		visibility: 'public',
		field: 'image'
	});
	const fit = image.variants.filter((v) => v.format === 'jpeg' && v.width <= 800).pop();
	const url = fit?.url ?? image.url;
	return { url, markdown: `![${alt.replace(/[[\]]/g, '').slice(0, 200)}](${url})` };
}

/** An audio version of a lesson in one locale (MP3, Ogg or M4A, sniffed; at most 10 MB). */
export async function uploadAudio(
	ctx: ServiceContext,
	courseSlug: string,
	lessonSlug: string,
	locale: Locale,
	bytes: Uint8Array
) {
	const c = await loadCourse(ctx, courseSlug);
	requireEditor(ctx, c);
	const { lessons } = await q.outline(ctx.db, c.id);
	const l = lessons.find((x) => x.slug === lessonSlug);
	if (!l) throw new AppError('NOT_FOUND');
	if (bytes.byteLength > MAX_AUDIO_BYTES)
		throw new AppError('INVALID', {
			fields: { audio: { key: 'learning_error_audio_size', params: { max: MAX_AUDIO_BYTES / 1024 / 1024 } } }
		});
	const file = await storeFile(ctx, {
		bytes,
		ownerModule: 'learning',
		ownerId: l.id,
		visibility: 'public',
		accept: AUDIO_TYPES,
		name: `${l.slug}.${locale}`
	});
	await q.updateLesson(ctx.db, l.id, {
		audio: { ...l.audio, [locale]: file.id },
		version: l.version + 1,
		updatedAt: ctx.clock()
	});
	return { fileId: file.id };
}
