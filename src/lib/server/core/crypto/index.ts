import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { eq, and, not, like, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { ServiceContext } from '../context';

/**
 * Field encryption: AES-256-GCM with a key derived from BIRGE_SECRET by HKDF-SHA-256. A value is
 * stored as `v1:<kid>:<iv>:<ciphertext>:<tag>` (base64url parts); the key id names the secret it was
 * encrypted with, so values written under a previous secret (BIRGE_SECRET_PREVIOUS) still decrypt
 * until `birge rotate-secret` re-encrypts them under the current one. The field's name is bound in as
 * associated data, so a value copied into another column does not decrypt. For marketplace
 * credentials and payout references; never log a decrypted value.
 */

const VERSION = 'v1';

export interface FieldKey {
	kid: string;
	key: Buffer;
}

export interface Keyring {
	current: FieldKey;
	/** Every key that may decrypt, the current one first. */
	all: FieldKey[];
}

export function fieldKey(secret: string): FieldKey {
	if (secret.length < 32) throw new Error('a field-encryption secret needs at least 32 characters');
	const key = Buffer.from(hkdfSync('sha256', secret, 'birge', 'birge field encryption v1', 32));
	// The id says which secret, without revealing anything usable about the key.
	const kid = createHash('sha256').update('birge key id').update(key).digest('base64url').slice(0, 8);
	return { kid, key };
}

/** The current secret and any previous ones (a list, or BIRGE_SECRET_PREVIOUS's comma-separated text). */
export function createKeyring(
	secret: string,
	previous: readonly string[] | string | undefined = []
): Keyring {
	const prev = typeof previous === 'string' ? previous.split(',') : previous;
	const current = fieldKey(secret);
	const all = [current];
	for (const p of prev.map((x) => x.trim()).filter(Boolean)) {
		const k = fieldKey(p);
		if (!all.some((a) => a.kid === k.kid)) all.push(k);
	}
	return { current, all };
}

export class DecryptError extends Error {
	constructor(reason: string) {
		super(`cannot decrypt field: ${reason}`);
		this.name = 'DecryptError';
	}
}

export function isEncrypted(value: string): boolean {
	return /^v1:[A-Za-z0-9_-]{8}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]*:[A-Za-z0-9_-]+$/.test(value);
}

/** The key id a stored value was encrypted with. */
export function keyIdOf(value: string): string | null {
	return isEncrypted(value) ? value.split(':')[1] : null;
}

/**
 * Encrypts `plaintext` for the field `aad` (e.g. `shops_shop.payout_reference`) under the keyring's
 * current key; a service passes `ctx.platform.keyring`.
 */
export function encryptField(plaintext: string, aad: string, keyring: Keyring): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv);
	cipher.setAAD(Buffer.from(aad, 'utf8'));
	const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	const tag = cipher.getAuthTag();
	return [
		VERSION,
		keyring.current.kid,
		iv.toString('base64url'),
		ct.toString('base64url'),
		tag.toString('base64url')
	].join(':');
}

/** Decrypts with whichever known key the value names; throws DecryptError when tampered or unknown. */
export function decryptField(stored: string, aad: string, keyring: Keyring): string {
	if (!isEncrypted(stored)) throw new DecryptError('not an encrypted value');
	const [, kid, ivText, ctText, tagText] = stored.split(':');
	const key = keyring.all.find((k) => k.kid === kid);
	if (!key) throw new DecryptError('unknown key (was BIRGE_SECRET changed without BIRGE_SECRET_PREVIOUS?)');
	const iv = Buffer.from(ivText, 'base64url');
	const tag = Buffer.from(tagText, 'base64url');
	if (iv.length !== 12 || tag.length !== 16) throw new DecryptError('malformed');
	try {
		const decipher = createDecipheriv('aes-256-gcm', key.key, iv);
		decipher.setAAD(Buffer.from(aad, 'utf8'));
		decipher.setAuthTag(tag);
		return Buffer.concat([decipher.update(Buffer.from(ctText, 'base64url')), decipher.final()]).toString(
			'utf8'
		);
	} catch {
		throw new DecryptError('tampered or wrong key');
	}
}

/** A column holding encrypted text, registered by its module for rotation. */
export interface EncryptedField {
	table: PgTable;
	/** The primary key column (rows are re-encrypted one by one). */
	id: AnyPgColumn;
	column: AnyPgColumn;
	/** The associated data the module encrypts this column with. */
	aad: string;
}

export interface RotationReport {
	field: string;
	reencrypted: number;
	/** Ids whose value no known key decrypts (left unchanged). */
	failed: string[];
}

/**
 * Re-encrypts every value of the registered fields that is not under the current key. Each row is
 * updated only if its value is still the one read (a concurrent write wins), in batches, so it can
 * run while the platform serves; run it again to finish after a failure.
 */
export async function rotateEncryptedFields(
	ctx: ServiceContext,
	fields: readonly EncryptedField[],
	keyring: Keyring = ctx.platform.keyring,
	batch = 200
): Promise<RotationReport[]> {
	const reports: RotationReport[] = [];
	for (const f of fields) {
		const report: RotationReport = { field: f.aad, reencrypted: 0, failed: [] };
		const skip = new Set<string>();
		for (;;) {
			const rows = (await ctx.db
				.select({ id: f.id, value: f.column })
				.from(f.table)
				.where(
					and(
						sql`${f.column} is not null`,
						not(like(f.column, `${VERSION}:${keyring.current.kid}:%`)),
						skip.size
							? sql`${f.id}::text not in (${sql.join(
									[...skip].map((s) => sql`${s}`),
									sql`, `
								)})`
							: undefined
					)
				)
				.orderBy(f.id)
				.limit(batch)) as { id: unknown; value: string }[];
			if (!rows.length) break;
			for (const r of rows) {
				const id = String(r.id);
				try {
					const plain = decryptField(r.value, f.aad, keyring);
					const next = encryptField(plain, f.aad, keyring);
					await ctx.db
						.update(f.table)
						.set({ [columnKey(f.table, f.column)]: next } as never)
						.where(and(eq(f.id, r.id), eq(f.column, r.value)));
					report.reencrypted++;
				} catch {
					report.failed.push(id);
					skip.add(id);
				}
			}
		}
		reports.push(report);
	}
	return reports;
}

/** The property name drizzle uses for a column in `.set()`. */
function columnKey(table: PgTable, column: AnyPgColumn): string {
	for (const [key, value] of Object.entries(table)) if (value === column) return key;
	throw new Error(`column ${column.name} is not in its table`);
}

/** Every registered encrypted field. */
export function encryptedFieldsOf(
	modules: readonly { encryptedFields?: EncryptedField[] }[]
): EncryptedField[] {
	return modules.flatMap((m) => m.encryptedFields ?? []);
}
