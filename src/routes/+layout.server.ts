import type { LayoutServerLoad } from './$types';
import { stripLocale } from '#lib/server/web/locale';

// Every page is rendered on the server and works without JavaScript; no client router is shipped.
export const csr = false;
export const prerender = false;

export const load: LayoutServerLoad = ({ locals, url }) => ({
	locale: locals.locale,
	/** The current page without its locale prefix, for the language switcher. */
	rest: stripLocale(url),
	user: locals.private ? null : locals.user ? { name: locals.user.name } : null,
	private: locals.private
});
