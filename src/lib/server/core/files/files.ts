import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { coreFile, type CoreFile, type FileVisibility } from './schema';
import { extensionOf, sniffContentType } from './sniff';

/**
 * Files any module keeps: the bytes in the file store, one `core_file` row each. A module stores a
 * file with an owner (module and id) and a visibility. Public files are read by anybody at a
 * content-hashed URL; a private file is read only when its owner module's read check says so.
 */

/** What a module's read check answers: anybody may read it, this actor may, or nobody asking now. */
export type FileAccess = 'public' | 'private' | null;
export type ReadCheck = (ctx: ServiceContext, file: CoreFile) => Promise<FileAccess>;

const readChecks = new Map<string, ReadCheck>();

/** A module registers how it decides who reads its private files (once, when it loads). */
export function registerReadCheck(ownerModule: string, check: ReadCheck) {
	readChecks.set(ownerModule, check);
}

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface StoreFileInput {
	bytes: Uint8Array;
	ownerModule: string;
	ownerId?: string | null;
	visibility: FileVisibility;
	name?: string | null;
	/** The content types the owner accepts; sniffed from the bytes. */
	accept: readonly string[];
	/** Set when the caller already knows the type (its own encoder made the bytes). */
	contentType?: string;
	width?: number | null;
	height?: number | null;
	parentId?: string | null;
	variant?: string | null;
	/** A fixed id (migrating a file that already has one); a new one otherwise. */
	id?: string;
}

/** The row a stored file gets, before it is inserted. */
export type NewFile = typeof coreFile.$inferInsert & { id: string; sha256: string; contentType: string };

/**
 * Checks the bytes and writes them to the store; returns the row to insert. The caller inserts it
 * (`insertFiles`) in its own transaction, or calls `storeFile` which does both.
 * Throws INVALID (field `file`) when the type is not one the owner accepts.
 */
export async function writeFile(ctx: ServiceContext, input: StoreFileInput): Promise<NewFile> {
	const contentType = input.contentType ?? sniffContentType(input.bytes);
	if (!contentType || !input.accept.includes(contentType))
		throw new AppError('INVALID', { fields: { file: { key: 'error_file_type' } } });
	const row: NewFile = {
		id: input.id ?? randomUUID(),
		ownerModule: input.ownerModule,
		ownerId: input.ownerId ?? null,
		visibility: input.visibility,
		contentType,
		size: input.bytes.byteLength,
		sha256: sha256Of(input.bytes),
		name: input.name ?? null,
		width: input.width ?? null,
		height: input.height ?? null,
		parentId: input.parentId ?? null,
		variant: input.variant ?? null,
		createdBy: ctx.actor.userId,
		createdAt: ctx.clock()
	};
	const store = ctx.platform.files;
	await store.put(row.id, input.bytes, contentType);
	return row;
}

/** Records written files; in the caller's transaction when `ctx.db` is one. */
export async function insertFiles(ctx: ServiceContext, rows: NewFile[]) {
	if (rows.length) await ctx.db.insert(coreFile).values(rows);
}

/**
 * Writes the bytes and records them. When recording fails the bytes are removed again, so a
 * failed upload leaves nothing behind.
 */
export async function storeFile(ctx: ServiceContext, input: StoreFileInput): Promise<NewFile> {
	const row = await writeFile(ctx, input);
	try {
		await insertFiles(ctx, [row]);
	} catch (error) {
		await removeBytes(ctx, [row.id]);
		throw error;
	}
	return row;
}

/** Removes bytes whose rows were never committed (the recording transaction failed). */
export async function removeBytes(ctx: ServiceContext, ids: string[]) {
	const store = ctx.platform.files;
	await Promise.allSettled(ids.map((id) => store.delete(id)));
}

/** Deletes a file, its variants and their bytes. The owner decides when; no access check here. */
export async function deleteFile(ctx: ServiceContext, id: string) {
	const rows = await ctx.db.select({ id: coreFile.id }).from(coreFile).where(eq(coreFile.parentId, id));
	await ctx.db.delete(coreFile).where(eq(coreFile.id, id));
	await removeBytes(ctx, [id, ...rows.map((r) => r.id)]);
}

export async function getFile(ctx: ServiceContext, id: string): Promise<CoreFile | null> {
	if (!isFileId(id)) return null;
	const [row] = await ctx.db.select().from(coreFile).where(eq(coreFile.id, id));
	return row ?? null;
}

export async function variantsOf(ctx: ServiceContext, id: string): Promise<CoreFile[]> {
	return ctx.db.select().from(coreFile).where(eq(coreFile.parentId, id));
}

export const isFileId = (id: string) =>
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);

/** The stable URL of a public file: its content hash, so caches may keep it for ever. */
export function publicUrl(file: Pick<CoreFile, 'sha256' | 'contentType'>): string {
	return `/files/${file.sha256}.${extensionOf(file.contentType)}`;
}

/** The URL a file is read at: the content-hashed one when public, the download route otherwise. */
export function fileUrl(file: Pick<CoreFile, 'id' | 'sha256' | 'contentType' | 'visibility'>): string {
	return file.visibility === 'public' ? publicUrl(file) : `/files/private/${file.id}`;
}

export interface OpenedFile {
	file: CoreFile;
	body: ReadableStream<Uint8Array>;
	size: number;
	/** Whether shared caches may keep it (anybody may read it). */
	cacheable: boolean;
}

async function openStored(
	ctx: ServiceContext,
	file: CoreFile,
	cacheable: boolean
): Promise<OpenedFile | null> {
	const opened = await ctx.platform.files.open(file.id);
	return opened ? { file, ...opened, cacheable } : null;
}

/**
 * A file for the download route: public files for anybody; a private one when its owner module's
 * read check allows this actor. NOT_FOUND otherwise (never FORBIDDEN: the route does not tell
 * strangers which files exist).
 */
export async function openFile(ctx: ServiceContext, id: string): Promise<OpenedFile> {
	const file = await getFile(ctx, id);
	if (!file) throw new AppError('NOT_FOUND');
	let access: FileAccess = file.visibility === 'public' ? 'public' : null;
	if (!access) {
		const check = readChecks.get(file.ownerModule);
		access = check ? await check(ctx, file) : null;
	}
	if (!access) throw new AppError('NOT_FOUND');
	const opened = await openStored(ctx, file, access === 'public');
	if (!opened) throw new AppError('NOT_FOUND');
	return opened;
}

/** A public file by its content hash and extension (`/files/<sha256>.<ext>`). */
export async function openPublicFile(ctx: ServiceContext, name: string): Promise<OpenedFile> {
	const match = /^([0-9a-f]{64})\.([a-z0-9]{2,5})$/.exec(name);
	if (!match) throw new AppError('NOT_FOUND');
	const rows = await ctx.db
		.select()
		.from(coreFile)
		.where(and(eq(coreFile.sha256, match[1]), eq(coreFile.visibility, 'public')))
		.limit(5);
	for (const file of rows) {
		if (extensionOf(file.contentType) !== match[2]) continue;
		const opened = await openStored(ctx, file, true);
		if (opened) return opened;
	}
	throw new AppError('NOT_FOUND');
}

/** Response headers for a stored file: inert (sniffed type, nosniff, no scripts), cached by hash. */
export function fileHeaders(opened: OpenedFile, options: { download?: boolean } = {}): Headers {
	const { file } = opened;
	const headers = new Headers({
		'content-type': file.contentType,
		'content-length': String(opened.size),
		'x-content-type-options': 'nosniff',
		'content-security-policy': "default-src 'none'; sandbox",
		etag: `"${file.sha256}"`,
		'cache-control': opened.cacheable ? 'public, max-age=31536000, immutable' : 'private, no-cache',
		// Public files are embedded and fetched by other sites (marketplaces, link previews); private ones never.
		'cross-origin-resource-policy': opened.cacheable ? 'cross-origin' : 'same-origin'
	});
	const name = file.name ?? `${file.id}.${extensionOf(file.contentType)}`;
	headers.set(
		'content-disposition',
		`${options.download ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(name)}`
	);
	return headers;
}

/** The response for an opened file; 304 when the client already has these bytes. */
export function fileResponse(opened: OpenedFile, request: Request): Response {
	const headers = fileHeaders(opened);
	const known = request.headers.get('if-none-match');
	if (known && known.split(',').some((t) => t.trim().replace(/^W\//, '') === `"${opened.file.sha256}"`)) {
		void opened.body.cancel();
		headers.delete('content-length');
		return new Response(null, { status: 304, headers });
	}
	return new Response(opened.body, { headers });
}
