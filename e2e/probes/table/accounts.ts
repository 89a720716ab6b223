import { action, all, by, endpoint, only, page, signedIn, type Row } from './types';

/** Accounts: the home page, sign-up/in/out, phone codes, password reset, sessions, organizations. */
export const rows: Row[] = [
	page('', '/en', all(200)),
	page('/account', '/en/account', signedIn()),
	// After sign-up: what she can do next (anyone signed in may see it again).
	page('/account/welcome', '/en/account/welcome', signedIn()),
	// An empty form names no session: not found.
	action('/account', 'revoke', '/en/account', signedIn(404)),
	action('/account', 'revokeOthers', '/en/account', signedIn(200)),
	// Telegram linking: a one-time code for the bot, and unlinking (nothing linked: still 200).
	action('/account', 'telegramCode', '/en/account', signedIn(200)),
	action('/account', 'telegramUnlink', '/en/account', signedIn(200)),
	// Sign in with Telegram (OpenID Connect): not configured in the probes, so its two routes are 404;
	// removing a Telegram sign-in she does not have changes nothing (200).
	action('/account', 'telegramLoginUnlink', '/en/account', signedIn(200)),
	endpoint('/[locale=locale]/auth/telegram', 'GET', '/en/auth/telegram', all(404)),
	endpoint('/api/auth/callback/[provider]', 'GET', '/api/auth/callback/telegram', all(404)),
	page('/admin/organizations', '/en/admin/organizations', only(['admin'])),
	action('/admin/organizations', 'create', '/en/admin/organizations', only(['admin'], 400)),
	// The organization's own staff read its member list (accounts.listMembers); only admins change it.
	page('/admin/organizations/[slug]', (i) => `/en/admin/organizations/${i.org}`, only(['staff', 'admin'])),
	page('/admin/organizations/[slug]', '/en/admin/organizations/no-such-org', signedIn(404), 'unknown'),
	// An empty e-mail names no account: 404 for the admin, 403 before that for everybody else.
	action(
		'/admin/organizations/[slug]',
		'member',
		(i) => `/en/admin/organizations/${i.org}`,
		only(['admin'], 404)
	),
	page('/auth/phone', '/en/auth/phone', all(200)),
	action('/auth/phone', 'send', '/en/auth/phone', all(400)),
	action('/auth/phone', 'verify', '/en/auth/phone', all(400)),
	page('/auth/reset', '/en/auth/reset', all(200)),
	action('/auth/reset', 'request', '/en/auth/reset', all(400)),
	action('/auth/reset', 'set', '/en/auth/reset', all(400)),
	page('/auth/sign-in', '/en/auth/sign-in', by({ anon: 200, rest: 303 })),
	// Signed in already: straight to the account, whatever the form holds.
	action('/auth/sign-in', 'default', '/en/auth/sign-in', by({ anon: 400, rest: 303 })),
	page('/auth/sign-up', '/en/auth/sign-up', by({ anon: 200, rest: 303 })),
	action('/auth/sign-up', 'default', '/en/auth/sign-up', by({ anon: 400, rest: 303 })),
	action('/auth/sign-out', 'default', '/en/auth/sign-out', all(303), { last: true })
];
