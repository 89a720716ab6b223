/**
 * Web-edge security: response headers and the cross-site request check. SvelteKit's own CSRF check
 * covers form content types only; this one covers every non-GET request, JSON and text/plain
 * included.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type CrossSiteVerdict = 'allow' | 'deny';

export function checkCrossSite(request: Request, url: URL, trustedOrigin: string): CrossSiteVerdict {
	if (SAFE_METHODS.has(request.method)) return 'allow';
	const site = request.headers.get('sec-fetch-site');
	const origin = request.headers.get('origin');
	if (origin !== null) {
		if (origin !== url.origin && origin !== trustedOrigin) return 'deny';
		// A same-origin Origin with a cross-site fetch-metadata header is still refused.
		if (site && site !== 'same-origin' && site !== 'none') return 'deny';
		return 'allow';
	}
	if (site) return site === 'same-origin' || site === 'none' ? 'allow' : 'deny';
	// Neither header: not a browser (browsers send Origin on every non-GET request), so no ambient
	// cookies of a victim are involved. Allowed only for the JSON API; pages require a browser.
	return url.pathname.startsWith('/api/') ? 'allow' : 'deny';
}

export function securityHeaders(headers: Headers, options: { privatePage: boolean }) {
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', options.privatePage ? 'no-referrer' : 'strict-origin-when-cross-origin');
	headers.set('x-frame-options', 'DENY');
	headers.set('cross-origin-opener-policy', 'same-origin');
	// A response may widen it for itself: public files (product photos) are fetched by other sites.
	if (!headers.has('cross-origin-resource-policy'))
		headers.set('cross-origin-resource-policy', 'same-origin');
	headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	if (options.privatePage) {
		headers.set('cache-control', 'no-store');
		headers.delete('set-cookie');
	}
}
