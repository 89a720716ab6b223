import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import * as q from './queries';
import { storyFilter, storyInput } from './inputs';
import { isCoordinator, requireCoordinator } from './access';
import type { StoryView } from './views';
import {
	AppError,
	once,
	withDb,
	parseInput,
	pickText,
	writeAudit,
	type I18nText,
	type ServiceContext,
	type Unparsed
} from '../../core';
import { CONTENT_LOCALES } from '#lib/i18n/locales';
import { fileUrl, getFile, storeFile } from '../../core/files';

/**
 * Stories and campaign content: coordinators add them for their country (or region-wide with a grant
 * for every country); anyone reads them. People featured appear by name only where they consented and
 * chose to be public; "not public" people are counted, never named, outside coordinators' screens.
 */

export const STORY_FILE_TYPES = [
	'application/pdf',
	'image/jpeg',
	'image/png',
	'image/webp',
	'audio/mpeg',
	'video/mp4'
];
export const MAX_STORY_FILE_BYTES = 20 * 1024 * 1024;

export interface StoryUpload {
	bytes: Uint8Array;
	name: string;
}

export async function createStory(
	ctx: ServiceContext,
	input: Unparsed<z.input<typeof storyInput>>,
	upload?: StoryUpload | null
): Promise<{ id: string }> {
	requireCoordinator(ctx); // a coordinator somewhere, before her input is read
	const data = parseInput(storyInput, input);
	const userId = requireCoordinator(ctx, data.country);
	if (upload && upload.bytes.byteLength > MAX_STORY_FILE_BYTES)
		throw new AppError('INVALID', { fields: { file: { key: 'impact_error_file_too_big' } } });
	return once(ctx, 'impact.story', data._once, async (tx) => {
		const id = randomUUID();
		let fileId: string | null = null;
		if (upload && upload.bytes.byteLength) {
			// Campaign content is published material: its file is public (content-hashed URL).
			const f = await storeFile(tx, {
				bytes: upload.bytes,
				name: upload.name,
				ownerModule: 'impact',
				ownerId: id,
				visibility: 'public',
				accept: STORY_FILE_TYPES
			});
			fileId = f.id;
		}
		const { _once: _, ...fields } = data;
		await q.insertStory(tx.db, {
			id,
			...fields,
			link: data.link ?? null,
			barrier: data.barrier ?? null,
			shopSlug: data.shopSlug ?? null,
			fileId,
			createdBy: userId,
			createdAt: ctx.clock()
		});
		await writeAudit(tx, {
			action: 'impact.story.create',
			entity: 'impact_story',
			entityId: id,
			after: { kind: data.kind, country: data.country, people: data.people.length, fileId }
		});
		return { id };
	});
}

/**
 * Edits a story: a coordinator of its country (and of the new country, when it moves). A new upload
 * replaces the file; `removeFile` drops it. The old file stays in the store (public URLs may be cited).
 */
export async function updateStory(
	ctx: ServiceContext,
	id: string,
	input: Unparsed<z.input<typeof storyInput>>,
	upload?: StoryUpload | null,
	options: { removeFile?: boolean } = {}
): Promise<{ id: string }> {
	const row = await q.storyById(ctx.db, id);
	if (!row) throw new AppError('NOT_FOUND');
	requireCoordinator(ctx, row.country);
	const data = parseInput(storyInput, input);
	requireCoordinator(ctx, data.country);
	if (upload && upload.bytes.byteLength > MAX_STORY_FILE_BYTES)
		throw new AppError('INVALID', { fields: { file: { key: 'impact_error_file_too_big' } } });
	return ctx.db.transaction(async (db) => {
		const tx = withDb(ctx, db);
		let fileId = options.removeFile ? null : row.fileId;
		if (upload && upload.bytes.byteLength) {
			const f = await storeFile(tx, {
				bytes: upload.bytes,
				name: upload.name,
				ownerModule: 'impact',
				ownerId: id,
				visibility: 'public',
				accept: STORY_FILE_TYPES
			});
			fileId = f.id;
		}
		const { _once: _, ...fields } = data;
		await q.updateStory(tx.db, id, {
			...fields,
			link: data.link ?? null,
			barrier: data.barrier ?? null,
			shopSlug: data.shopSlug ?? null,
			fileId
		});
		await writeAudit(tx, {
			action: 'impact.story.update',
			entity: 'impact_story',
			entityId: id,
			before: { kind: row.kind, country: row.country, people: row.people.length, fileId: row.fileId },
			after: { kind: data.kind, country: data.country, people: data.people.length, fileId }
		});
		return { id };
	});
}

/** The text per content locale, without provenance marks (the form edits the words only). */
function plainText(text: I18nText): Record<string, string> {
	return Object.fromEntries(CONTENT_LOCALES.map((l) => [l, text[l] ?? '']));
}

/** A story as stored (every locale, every featured person), for its coordinators' edit form. */
export async function storyForEdit(ctx: ServiceContext, id: string) {
	const row = await q.storyById(ctx.db, id);
	if (!row || !isCoordinator(ctx, row.country)) throw new AppError('NOT_FOUND');
	const f = row.fileId ? await getFile(ctx, row.fileId) : null;
	return {
		id: row.id,
		kind: row.kind,
		country: row.country,
		title: plainText(row.title),
		summary: plainText(row.summary),
		channels: row.channels,
		date: row.date,
		link: row.link,
		barrier: row.barrier,
		shopSlug: row.shopSlug,
		people: row.people,
		file: f ? { name: f.name, url: fileUrl(f) } : null
	};
}

function toView(ctx: ServiceContext, row: q.StoryRow, urls: Map<string, string>): StoryView {
	const insider = isCoordinator(ctx, row.country);
	const named = row.people.filter((p) => p.consent && (p.public || insider));
	return {
		id: row.id,
		kind: row.kind,
		country: row.country,
		title: pickText(row.title, ctx.locale) ?? { text: '', locale: ctx.locale, fallback: false, draft: false },
		summary: pickText(row.summary, ctx.locale),
		channels: row.channels,
		date: row.date,
		link: row.link,
		fileId: row.fileId,
		fileUrl: row.fileId ? (urls.get(row.fileId) ?? null) : null,
		barrier: row.barrier,
		shopSlug: row.shopSlug,
		people: named.map((p) => ({ name: p.name, public: p.public })),
		peopleNotNamed: row.people.length - named.length
	};
}

/** Stories with filters, newest first. Public. */
export async function listStories(ctx: ServiceContext, filter: Unparsed<z.input<typeof storyFilter>> = {}) {
	const f = parseInput(storyFilter, filter);
	const rows = await q.stories(ctx.db, f);
	const kept = rows.filter((r) => !f.channel || r.channels.includes(f.channel));
	const urls = await fileUrls(ctx, kept);
	return kept.map((r) => toView(ctx, r, urls));
}

export async function getStory(ctx: ServiceContext, id: string): Promise<StoryView> {
	const row = await q.storyById(ctx.db, id);
	if (!row) throw new AppError('NOT_FOUND');
	return toView(ctx, row, await fileUrls(ctx, [row]));
}

async function fileUrls(ctx: ServiceContext, rows: q.StoryRow[]): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	for (const r of rows) {
		if (!r.fileId) continue;
		const f = await getFile(ctx, r.fileId);
		if (f) out.set(r.fileId, fileUrl(f));
	}
	return out;
}
