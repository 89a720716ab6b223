import { publicOrigin, type Config } from '#lib/server/config';

export { publicOrigin };

/**
 * localhost, 127.0.0.0/8 and [::1], with any port. `host` is a Host header value (`127.0.0.1:3000`,
 * `[::1]:3000`) or a bare address.
 */
export function isLoopbackHost(host: string | null | undefined): boolean {
	if (!host) return false;
	let name = host.trim().toLowerCase();
	if (name.startsWith('[')) {
		const end = name.indexOf(']');
		if (end < 0) return false;
		const rest = name.slice(end + 1);
		if (rest && !/^:\d{1,5}$/.test(rest)) return false;
		return name.slice(1, end) === '::1';
	}
	if (name === '::1') return true;
	const colon = name.lastIndexOf(':');
	if (colon >= 0) {
		if (!/^\d{1,5}$/.test(name.slice(colon + 1))) return false;
		name = name.slice(0, colon);
	}
	if (name.endsWith('.')) name = name.slice(0, -1);
	if (name === 'localhost') return true;
	const parts = name.split('.');
	return (
		parts.length === 4 &&
		parts[0] === '127' &&
		parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && (p === '0' || !p.startsWith('0')))
	);
}

/** Whether a request for `host` may be answered: any host when ORIGIN is set, else loopback only. */
export function hostAllowed(cfg: Pick<Config, 'ORIGIN'>, host: string | null | undefined): boolean {
	return Boolean(cfg.ORIGIN) || isLoopbackHost(host);
}
