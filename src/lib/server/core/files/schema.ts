import { index, integer, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const FILE_VISIBILITIES = ['public', 'private'] as const;
export type FileVisibility = (typeof FILE_VISIBILITIES)[number];

/**
 * Every stored file, whichever module owns it; the bytes live in the file store (a directory or an
 * S3 bucket) under the key `id`. Public files are served at `/files/<sha256>.<ext>` without
 * credentials; private ones through `/files/private/<id>` after the owning module's read check.
 * An image's resized copies are rows too: `parent_id` names the image, `variant` the copy
 * (`jpeg-640`, `webp-640`, `avif-640`); they share the image's owner and visibility.
 */
export const coreFile = pgTable(
	'core_file',
	{
		id: text('id').primaryKey(),
		/** The module whose read check decides who may read a private file (`coalitions`). */
		ownerModule: text('owner_module').notNull(),
		/** The owning record in that module (an evidence document, a product…). */
		ownerId: text('owner_id'),
		visibility: text('visibility').$type<FileVisibility>().notNull(),
		/** Sniffed from the bytes, never taken from the upload. */
		contentType: text('content_type').notNull(),
		size: integer('size').notNull(),
		sha256: text('sha256').notNull(),
		/** A cleaned file name for downloads, when the owner keeps one. */
		name: text('name'),
		width: integer('width'),
		height: integer('height'),
		parentId: text('parent_id').references((): AnyPgColumn => coreFile.id, { onDelete: 'cascade' }),
		variant: text('variant'),
		createdBy: text('created_by'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('core_file_sha256_idx').on(t.sha256),
		index('core_file_owner_idx').on(t.ownerModule, t.ownerId),
		uniqueIndex('core_file_variant_idx').on(t.parentId, t.variant)
	]
);

export type CoreFile = typeof coreFile.$inferSelect;
