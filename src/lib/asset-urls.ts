/**
 * The shared stylesheet and the small progressive-enhancement scripts, imported through Vite so that
 * the build emits them under content-hashed names in `/_app/immutable/assets/`, which adapter-node
 * serves with `cache-control: public, max-age=31536000, immutable`: a phone fetches each version once
 * and never revalidates it. A page names them through `ASSETS` (app.html's stylesheet through the
 * `%birge.css%` placeholder, filled in hooks.server.ts).
 *
 * Pages cached by a browser before this change still ask for the old names (`/birge.css`, `/js/…`);
 * `LEGACY_ASSETS` sends them to the current file with a short-lived redirect (hooks.server.ts).
 * `static/js/learn-offline.js` and `static/learn-sw.js` keep their stable names on purpose: the
 * service worker's URL and scope must not change, and a downloaded course pack holds the script by
 * its name (learning/pack.ts).
 */
import css from './assets/birge.css?url';
import care from './assets/js/care.js?url';
import programs from './assets/js/programs.js?url';
import tools from './assets/js/tools.js?url';

export const ASSETS = { css, care, programs, tools } as const;

/** Old, unhashed names → the current hashed URL. */
export const LEGACY_ASSETS: Readonly<Record<string, string>> = {
	'/birge.css': css,
	'/js/care.js': care,
	'/js/programs.js': programs,
	'/js/tools.js': tools
};
