import { action, by, endpoint, only, page, type Row } from './types';

/**
 * Content in the reader's language: the staleness review queue (every signed-in person sees what
 * her rights let each module list) and the translators' workspace (platform admins here: no probe
 * role is a translator), and the admin page granting the translator role. An export without `?to=` names no locale of hers: 403, even for an admin.
 */
export const rows: Row[] = [
	// Translators per locale: platform admins only (an empty form is refused: 400; no such grant: 404).
	page('/admin/translators', '/en/admin/translators', only(['admin'])),
	action('/admin/translators', 'grant', '/en/admin/translators', only(['admin'], 400)),
	action('/admin/translators', 'revoke', '/en/admin/translators', only(['admin'], 404)),
	page('/review', '/en/review', by({ anon: 303, rest: 200 })),
	action('/translate', 'import', '/en/translate', by({ anon: 303, rest: 403 })),
	action('/translate', 'review', '/en/translate', by({ anon: 303, admin: 400, rest: 403 })),
	page('/translate', '/en/translate', by({ anon: 303, admin: 200, rest: 403 })),
	endpoint('/[locale=locale]/translate/export', 'GET', '/en/translate/export', by({ anon: 401, rest: 403 })),
	endpoint(
		'/[locale=locale]/translate/export',
		'GET',
		'/en/translate/export?to=ky&format=csv',
		by({ anon: 401, admin: 200, rest: 403 }),
		{
			variant: 'a locale'
		}
	)
];
