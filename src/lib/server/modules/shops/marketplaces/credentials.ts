import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { decryptField, encryptField, type Keyring } from '../../../core/crypto';

/**
 * A shop's marketplace credentials, encrypted through core crypto before they are stored, and the
 * Kaspi feed's secret URL. The associated data names the column the shops module will keep them in,
 * so a value copied elsewhere does not decrypt; the shops module registers that column in
 * `ModuleDefinition.encryptedFields` for `birge rotate-secret`. A decrypted value goes straight to a
 * client and is never logged or shown back (a form shows only whether it is set).
 */
export const CREDENTIALS_AAD = 'shops_marketplace_account.credentials';

const shapes = {
	wildberries: z.object({ token: z.string().trim().min(20).max(2000) }).strict(),
	ozon: z
		.object({
			clientId: z
				.string()
				.trim()
				.regex(/^\d{1,20}$/),
			apiKey: z.string().trim().min(8).max(200)
		})
		.strict()
};
export type WildberriesCredentials = z.infer<typeof shapes.wildberries>;
export type OzonCredentials = z.infer<typeof shapes.ozon>;
type Credentials<M extends keyof typeof shapes> = z.infer<(typeof shapes)[M]>;

/** Parses what the maker pasted (throws zod's error, whose issues name only fields, not values). */
export function parseCredentials<M extends keyof typeof shapes>(
	marketplace: M,
	input: unknown
): Credentials<M> {
	return shapes[marketplace].parse(input) as Credentials<M>;
}

export function sealCredentials<M extends keyof typeof shapes>(
	marketplace: M,
	credentials: Credentials<M>,
	keyring: Keyring
): string {
	return encryptField(
		JSON.stringify({ marketplace, ...parseCredentials(marketplace, credentials) }),
		CREDENTIALS_AAD,
		keyring
	);
}

export function openCredentials<M extends keyof typeof shapes>(
	marketplace: M,
	stored: string,
	keyring: Keyring
): Credentials<M> {
	const { marketplace: sealedFor, ...rest } = JSON.parse(decryptField(stored, CREDENTIALS_AAD, keyring)) as {
		marketplace: string;
	};
	if (sealedFor !== marketplace) throw new Error('credentials sealed for another marketplace');
	return parseCredentials(marketplace, rest);
}

/** A new secret for a shop's Kaspi feed URL (192 bits). */
export function newFeedToken(): string {
	return randomBytes(24).toString('base64url');
}

/**
 * The stable secret URL Kaspi reads, on the public origin. Its path matches the secret-path pattern
 * reserved in `web/secret-paths.js` (`/shops/feed/[token]`), so logs show the pattern, never the token.
 */
export function kaspiFeedUrl(origin: string, token: string): string {
	return `${origin.replace(/\/$/, '')}/shops/feed/${encodeURIComponent(token)}/kaspi.xml`;
}
