// Paths that carry a secret (a token in the path itself). The access log (scripts/server.js) and the
// application logger both print such a path as its pattern, never the secret. A new secret route is
// one line here. Plain JavaScript so that scripts/server.js can import it without a build step.

/** @type {readonly { pattern: RegExp, shown: string }[]} */
export const SECRET_PATHS = [
	// Private iCalendar feed of saved deadlines.
	{ pattern: /^\/programs\/calendar\/[^/]+$/, shown: '/programs/calendar/[token]' },
	// Password reset link (token in the query, which is never logged; the path is listed for safety).
	{ pattern: /^\/[a-z]{2}(?:-[A-Za-z]{4})?\/auth\/reset\/[^/]+$/, shown: '/[locale]/auth/reset/[token]' },
	// Reserved for modules to come: private order links, marketplace feeds, invitations, bot webhook.
	{ pattern: /^\/(?:[a-z]{2}(?:-[A-Za-z]{4})?\/)?orders\/private\/[^/]+/, shown: '/orders/private/[token]' },
	{ pattern: /^\/(?:[a-z]{2}(?:-[A-Za-z]{4})?\/)?shops\/feed\/[^/]+/, shown: '/shops/feed/[token]' },
	{ pattern: /^\/(?:[a-z]{2}(?:-[A-Za-z]{4})?\/)?invitations?\/[^/]+/, shown: '/invitations/[token]' },
	{ pattern: /^\/bot\/webhook\/[^/]+/, shown: '/bot/webhook/[secret]' },
	// A buyer's private link to her order request (shops).
	{
		pattern: /^\/[a-z]{2}(?:-[A-Za-z]{4})?\/shops\/requests\/[^/]+/,
		shown: '/[locale]/shops/requests/[token]'
	},
	// The Telegram bot's webhook (src/lib/server/bot/webhook.ts).
	{ pattern: /^\/api\/telegram\/[^/]+/, shown: '/api/telegram/[secret]' }
];

/**
 * The path as it may appear in a log: without its query string, a secret path as its pattern, at most
 * 200 characters, control characters replaced.
 * @param {string} raw a request target such as `/programs/calendar/abc.ics?lang=ky`
 * @returns {string}
 */
export function loggablePath(raw) {
	const path = String(raw ?? '/')
		.split('?')[0]
		.split('#')[0];
	for (const { pattern, shown } of SECRET_PATHS) if (pattern.test(path)) return shown;
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
	return path.slice(0, 200).replace(/[\u0000-\u001f\u007f]/g, '?');
}
