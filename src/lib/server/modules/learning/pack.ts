import { gzipSync } from 'node:zlib';
import { AppError, pickText, type ServiceContext } from '../../core';
import { getFile, openFile, openPublicFile, variantsOf, type CoreFile } from '../../core/files';
import { t } from '#lib/i18n/messages';
import { LOCALE_TAGS, type Locale } from '#lib/i18n/locales';
import { loadCourse } from './courses';
import { escapeHtml, renderMarkdown } from './markdown';
import * as q from './queries';
import type { QuizQuestion } from './schema';

/**
 * A course pack: the whole course (every lesson and quiz) as one HTML document built here.
 * - `offline`: served at `/{locale}/learn/{course}/offline`, cached by the learning service worker on
 *   request; quizzes are scored in the browser from the pack's answer key, lessons read and quizzes
 *   taken are kept in the browser until she is online again and then sent to `/api/v1/learning/sync`
 *   (idempotent; a signed-in learner only). Its script is `/js/learn-offline.js`.
 * - `file`: one self-contained file (inline style, no script, no request to anything) to save and
 *   pass on in Telegram or over Bluetooth; answers are behind "Show the answers"; nothing is synced.
 * Text is rendered by the same sanitizer as the lesson pages, which lets images only from Birge's own
 * public files (`/files/<sha256>.<ext>`). Images travel with the pack:
 * - offline: the pack lists them (`assets`); the download puts them into the same cache as the pack,
 *   and the service worker answers them offline. The size shown before download counts them.
 * - file: each image inlined as a data: URI, taken from the image's variants at most
 *   `FILE_IMAGE_WIDTH` px wide (a phone screen), so a pack of a few images stays small.
 * An image that cannot be found is replaced by its description.
 */

export type PackMode = 'offline' | 'file';

/** Images inlined in the one-file pack: the largest variant at most this wide (else the smallest). */
export const FILE_IMAGE_WIDTH = 640;

const IMAGE_SRC = /<img src="(\/files\/([0-9a-f]{64}\.[a-z0-9]{2,5}))"([^>]*)>/g;

interface PackImage {
	url: string;
	/** Bytes of the image as the lesson page shows it (cached for the offline pack). */
	size: number;
	/** The copy inlined in the file pack. */
	inline: CoreFile;
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<Buffer> {
	return Buffer.from(await new Response(body).arrayBuffer());
}

/** The copy of an image to inline: JPEG or WebP (not AVIF: older phones), at most FILE_IMAGE_WIDTH wide. */
async function inlineCopy(ctx: ServiceContext, file: CoreFile): Promise<CoreFile> {
	const masterId = file.parentId ?? file.id;
	const master = file.parentId ? await getFile(ctx, masterId) : file;
	const copies = [...(master ? [master] : []), ...(await variantsOf(ctx, masterId))].filter(
		(f) => (f.contentType === 'image/jpeg' || f.contentType === 'image/webp') && f.visibility === 'public'
	);
	if (!copies.length) return file;
	const fit = copies.filter((f) => (f.width ?? Infinity) <= FILE_IMAGE_WIDTH);
	const pick = (list: CoreFile[], best: (a: CoreFile, b: CoreFile) => boolean) =>
		list.reduce((a, b) => (best(b, a) ? b : a));
	return fit.length
		? pick(fit, (a, b) => (a.width ?? 0) > (b.width ?? 0))
		: pick(copies, (a, b) => (a.width ?? Infinity) < (b.width ?? Infinity));
}

/** The lessons' images, each once, with what the packs need; missing files are left out. */
async function packImages(ctx: ServiceContext, html: string[]): Promise<Map<string, PackImage>> {
	const names = new Map<string, string>();
	for (const h of html) for (const m of h.matchAll(IMAGE_SRC)) names.set(m[1], m[2]);
	const images = new Map<string, PackImage>();
	for (const [url, name] of names) {
		const opened = await openPublicFile(ctx, name).catch(() => null);
		if (!opened) continue;
		await opened.body.cancel();
		images.set(url, { url, size: opened.size, inline: await inlineCopy(ctx, opened.file) });
	}
	return images;
}

const dataUriLength = (file: CoreFile) =>
	`data:${file.contentType};base64,`.length + 4 * Math.ceil(file.size / 3);

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:0 1rem 3rem;color:#1b1b1b}
h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2.5rem;border-top:2px solid #ddd;padding-top:1rem}
a{color:#0b5394}fieldset{border:1px solid #bbb;margin:0 0 1rem;padding:.5rem .75rem}legend{font-weight:600}
label{display:block;padding:.25rem 0}button{font:inherit;padding:.5rem 1rem;margin:.25rem 0}
.note{background:#fff6d5;padding:.5rem .75rem}.ok{color:#1e6b1e;font-weight:600}.no{color:#a31515;font-weight:600}
nav ol{padding-left:1.25rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem}
img{max-width:100%;height:auto}`;

interface KeyQuestion {
	id: string;
	kind: QuizQuestion['kind'];
	correct: string[];
	answer?: number;
	tolerance?: number;
}

function questionHtml(locale: Locale, quizSlug: string, question: QuizQuestion, mode: PackMode): string {
	const s = (text: Partial<Record<Locale, string>> | undefined) =>
		escapeHtml(text ? (pickText(text, locale)?.text ?? '') : '');
	const name = `${quizSlug}.${question.id}`;
	let inputs: string;
	if (question.kind === 'numeric') {
		inputs = `<label>${escapeHtml(t(locale, 'learning_quiz_your_number'))} <input name="${escapeHtml(name)}" inputmode="decimal" autocomplete="off"></label>`;
	} else {
		const type = question.kind === 'single' ? 'radio' : 'checkbox';
		inputs = (question.options ?? [])
			.map(
				(o) =>
					`<label><input type="${type}" name="${escapeHtml(name)}" value="${escapeHtml(o.id)}"> ${s(o.text)}</label>`
			)
			.join('');
	}
	const hint =
		question.kind === 'multiple' ? `<p>${escapeHtml(t(locale, 'learning_quiz_multiple_hint'))}</p>` : '';
	let answers = '';
	if (mode === 'file') {
		const right =
			question.kind === 'numeric'
				? escapeHtml(String(question.answer))
				: (question.options ?? [])
						.filter((o) => o.correct)
						.map((o) => s(o.text))
						.join('; ');
		answers = `<details><summary>${escapeHtml(t(locale, 'learning_quiz_show_answer'))}</summary><p>${right}</p><p>${s(question.feedback?.correct)}</p></details>`;
	}
	return `<fieldset data-question="${escapeHtml(question.id)}"><legend>${s(question.prompt)}</legend>${hint}${inputs}<p data-feedback aria-live="polite"></p>${answers}</fieldset>`;
}

export interface CoursePack {
	html: string;
	bytes: number;
	gzipBytes: number;
	filename: string;
	/** Offline pack: the image URLs to cache with it, and their bytes. */
	assets: string[];
	assetBytes: number;
}

/**
 * `sizeOnly` (file pack): the images are not read; `html` keeps placeholders and `bytes` is what the
 * file will weigh with them inlined (a data: URI's length follows from the file's size).
 */
export async function coursePack(
	ctx: ServiceContext,
	courseSlug: string,
	mode: PackMode,
	options: { sizeOnly?: boolean } = {}
): Promise<CoursePack> {
	const c = await loadCourse(ctx, courseSlug);
	if (c.publication !== 'published') throw new AppError('NOT_FOUND');
	const locale = ctx.locale;
	const { lessons, quizzes } = await q.outline(ctx.db, c.id);
	const text = (value: Partial<Record<Locale, string>>) => pickText(value, locale)?.text ?? '';
	const title = text(c.title);
	const key: Record<string, { lesson: string; passPercent: number; questions: KeyQuestion[] }> = {};
	const bodies = lessons.map((l) => renderMarkdown(text(l.body)));
	const images = await packImages(ctx, bodies);
	const inlined: CoreFile[] = [];
	const sections = lessons.map((l, li) => {
		const body = bodies[li].replace(IMAGE_SRC, (whole, url: string, _name: string, rest: string) => {
			const image = images.get(url);
			const alt = /alt="([^"]*)"/.exec(rest)?.[1] ?? '';
			if (!image) return `<em>[${alt}]</em>`;
			if (mode === 'offline') return whole;
			const { width, height } = image.inline;
			inlined.push(image.inline);
			const size = width && height ? ` width="${width}" height="${height}"` : '';
			return `<img src="\uE000img${inlined.length - 1}\uE000"${size}${rest.replace(/ loading="lazy"/, '')}>`;
		});
		const lessonQuizzes = quizzes.filter((z) => z.lessonId === l.id);
		const quizHtml = lessonQuizzes
			.map((z) => {
				key[z.slug] = {
					lesson: l.slug,
					passPercent: z.passPercent ?? c.passPercent,
					questions: z.questions.map((x) => ({
						id: x.id,
						kind: x.kind,
						correct: (x.options ?? []).filter((o) => o.correct).map((o) => o.id),
						answer: x.answer,
						tolerance: x.tolerance
					}))
				};
				const button =
					mode === 'offline'
						? `<button type="submit">${escapeHtml(t(locale, 'learning_quiz_check'))}</button><p data-result aria-live="polite"></p>`
						: '';
				return `<section><h3>${escapeHtml(text(z.title))}</h3><form data-quiz="${escapeHtml(z.slug)}" data-lesson="${escapeHtml(l.slug)}">${z.questions.map((x) => questionHtml(locale, z.slug, x, mode)).join('')}${button}</form></section>`;
			})
			.join('');
		const read =
			mode === 'offline'
				? `<p><button type="button" data-read="${escapeHtml(l.slug)}">${escapeHtml(t(locale, 'learning_lesson_mark_read'))}</button> <span data-read-state="${escapeHtml(l.slug)}" aria-live="polite"></span></p>`
				: '';
		return `<article id="${escapeHtml(l.slug)}"><h2>${escapeHtml(text(l.title))}</h2>${body}${read}${quizHtml}</article>`;
	});
	const toc = `<nav><ol>${lessons.map((l) => `<li><a href="#${escapeHtml(l.slug)}">${escapeHtml(text(l.title))}</a></li>`).join('')}</ol></nav>`;
	const notes = [
		t(locale, 'learning_draft_notice'),
		mode === 'file'
			? t(locale, 'learning_pack_file_note')
			: ctx.actor.userId
				? t(locale, 'learning_pack_offline_note')
				: t(locale, 'learning_nothing_stored')
	];
	const data =
		mode === 'offline'
			? `<script type="application/json" id="learn-pack">${JSON.stringify({ course: c.slug, locale, signedIn: ctx.actor.userId !== null, key, strings: { correct: t(locale, 'learning_quiz_correct'), incorrect: t(locale, 'learning_quiz_incorrect'), passed: ctx.actor.userId ? t(locale, 'learning_quiz_passed_offline') : t(locale, 'learning_quiz_passed'), failed: t(locale, 'learning_quiz_failed'), read: ctx.actor.userId ? t(locale, 'learning_lesson_read_offline') : t(locale, 'learning_lesson_done'), synced: t(locale, 'learning_pack_synced') } }).replace(/</g, '\\u003c')}</script><script src="/js/learn-offline.js" defer></script>`
			: '';
	const back =
		mode === 'offline'
			? `<p><a href="/${locale}/learn/${escapeHtml(c.slug)}">${escapeHtml(t(locale, 'learning_pack_back'))}</a></p>`
			: '';
	const html = `<!doctype html><html lang="${LOCALE_TAGS[locale]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)} — Birge</title><style>${STYLE}</style></head><body><header>${back}<h1>${escapeHtml(title)}</h1>${notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('')}<p data-sync-state aria-live="polite"></p>${toc}</header><main>${sections.join('')}</main><footer><p>Birge · ${escapeHtml(c.updatedAt.toISOString().slice(0, 10))}</p></footer>${data}</body></html>`;
	const filename = `birge-${c.slug}-${locale}.html`;
	if (mode === 'offline') {
		const assets = [...images.values()];
		return {
			html,
			bytes: Buffer.byteLength(html),
			gzipBytes: gzipSync(html).byteLength,
			filename,
			assets: assets.map((a) => a.url),
			assetBytes: assets.reduce((sum, a) => sum + a.size, 0)
		};
	}
	const placeholders = inlined.reduce((sum, _f, i) => sum + Buffer.byteLength(`\uE000img${i}\uE000`), 0);
	const bytes =
		Buffer.byteLength(html) - placeholders + inlined.reduce((sum, f) => sum + dataUriLength(f), 0);
	if (options.sizeOnly) return { html, bytes, gzipBytes: bytes, filename, assets: [], assetBytes: 0 };
	const uris = new Map<string, string>();
	for (const f of inlined)
		if (!uris.has(f.id)) {
			const opened = await openFile(ctx, f.id);
			uris.set(f.id, `data:${f.contentType};base64,${(await readAll(opened.body)).toString('base64')}`);
		}
	const full = html.replace(
		/\uE000img(\d+)\uE000/g,
		(_m, i: string) => uris.get(inlined[Number(i)].id) ?? ''
	);
	const fullBytes = Buffer.byteLength(full);
	return {
		html: full,
		bytes: fullBytes,
		gzipBytes: gzipSync(full).byteLength,
		filename,
		assets: [],
		assetBytes: 0
	};
}

/**
 * What the course page shows before a download: the sizes of the two packs, images included (the
 * offline pack as it travels, compressed, plus its images; the file as saved), and the images the
 * download caches with the offline pack.
 */
export async function packSizes(ctx: ServiceContext, courseSlug: string) {
	const [offline, file] = await Promise.all([
		coursePack(ctx, courseSlug, 'offline'),
		coursePack(ctx, courseSlug, 'file', { sizeOnly: true })
	]);
	return {
		offlineBytes: offline.gzipBytes + offline.assetBytes,
		fileBytes: file.bytes,
		assets: offline.assets
	};
}
