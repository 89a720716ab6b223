/**
 * Photo URLs the marketplaces fetch themselves: absolute http(s) on a host they can reach. A loopback,
 * private-network or `.local` origin (a development ORIGIN) is refused before anything is sent.
 */
const PRIVATE_HOST =
	/^(localhost|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/i;

/** A photo's public URL from ORIGIN and the path core files gave it; null when the marketplaces cannot reach it. */
export function publicPhotoUrl(origin: string, path: string): string | null {
	let url: URL;
	try {
		url = new URL(path, origin);
	} catch {
		return null;
	}
	if (!/^https?:$/.test(url.protocol) || PRIVATE_HOST.test(url.hostname) || url.hostname.endsWith('.local'))
		return null;
	return url.toString();
}

/** True when a marketplace could fetch this absolute URL. */
export const isReachableUrl = (url: string) => publicPhotoUrl(url, url) !== null;
