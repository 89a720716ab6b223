import { describe, expect, it } from 'vitest';
import { createKeyring, decryptField, encryptField, isEncrypted, keyIdOf } from './index';

const OLD = 'an-old-secret-that-is-at-least-32-characters-long';
const NEW = 'a-new-secret-that-is-also-at-least-32-characters';

describe('field encryption', () => {
	it('round-trips text in every script, with a fresh IV each time', () => {
		const ring = createKeyring(NEW);
		const text = 'Payout ref KG-0042 · Өмүрбекова · Oʻzbekiston · 😀';
		const a = encryptField(text, 'shops_shop.payout', ring);
		const b = encryptField(text, 'shops_shop.payout', ring);
		expect(a).not.toBe(b);
		expect(a).not.toContain('KG-0042');
		expect(isEncrypted(a)).toBe(true);
		expect(a.split(':')).toHaveLength(5);
		expect(a.startsWith(`v1:${ring.current.kid}:`)).toBe(true);
		expect(decryptField(a, 'shops_shop.payout', ring)).toBe(text);
		expect(decryptField(encryptField('', 'f', ring), 'f', ring)).toBe('');
	});

	it('detects tampering with the ciphertext, the tag, the IV or the key id', () => {
		const ring = createKeyring(NEW);
		const stored = encryptField('secret value', 'f', ring);
		const parts = stored.split(':');
		const flip = (s: string) => {
			const bytes = Buffer.from(s, 'base64url');
			bytes[0] ^= 1;
			return bytes.toString('base64url');
		};
		for (const i of [2, 3, 4]) {
			const changed = [...parts];
			changed[i] = flip(changed[i]);
			expect(() => decryptField(changed.join(':'), 'f', ring)).toThrow(/tampered/);
		}
		const otherKid = [...parts];
		otherKid[1] = 'AAAAAAAA';
		expect(() => decryptField(otherKid.join(':'), 'f', ring)).toThrow(/unknown key/);
		expect(() => decryptField('plain text', 'f', ring)).toThrow(/not an encrypted value/);
	});

	it('refuses a value moved to another field (the field name is associated data)', () => {
		const ring = createKeyring(NEW);
		const stored = encryptField('secret value', 'shops_shop.payout', ring);
		expect(() => decryptField(stored, 'shops_shop.api_key', ring)).toThrow(/tampered or wrong key/);
	});

	it('cannot decrypt with a wrong secret', () => {
		const stored = encryptField('secret value', 'f', createKeyring(OLD));
		expect(() => decryptField(stored, 'f', createKeyring(NEW))).toThrow(/unknown key/);
		// Even when the key id is forced to match, the wrong key fails the tag.
		const wrong = createKeyring(NEW);
		const forged = stored.replace(`:${keyIdOf(stored)}:`, `:${wrong.current.kid}:`);
		expect(() => decryptField(forged, 'f', wrong)).toThrow(/tampered or wrong key/);
	});

	it('decrypts values under a previous secret and encrypts new ones under the current', () => {
		const old = encryptField('kept', 'f', createKeyring(OLD));
		const rotated = createKeyring(NEW, `${OLD}, `);
		expect(rotated.all.map((k) => k.kid)).toEqual([
			createKeyring(NEW).current.kid,
			createKeyring(OLD).current.kid
		]);
		expect(decryptField(old, 'f', rotated)).toBe('kept');
		expect(keyIdOf(encryptField('new', 'f', rotated))).toBe(rotated.current.kid);
		expect(keyIdOf(old)).toBe(createKeyring(OLD).current.kid);
	});

	it('refuses a short secret', () => {
		expect(() => createKeyring('short')).toThrow(/32 characters/);
	});
});
