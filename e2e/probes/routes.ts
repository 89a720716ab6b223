import fs from 'node:fs';
import path from 'node:path';

/**
 * Every request target the route files under src/routes/ declare, read from the files themselves:
 * a page (`+page.svelte`, answered by GET with its loads), each named form action of its
 * `+page.server.ts` (`?/name`, or `default`), and each method a `+server.ts` exports. The
 * authorization matrix must hold rows for all of them; this list is how a test knows it does.
 */

export type Target = `${string} ${'PAGE' | `ACTION ${string}` | 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'}`;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const;

function walk(dir: string, out: string[] = []): string[] {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) walk(full, out);
		else out.push(full);
	}
	return out;
}

/** The action names in `export const actions = { … }`: the keys one level inside the object. */
export function actionNames(source: string): string[] {
	const start = source.search(/export const actions\b[^=]*=\s*\{/);
	if (start < 0) return [];
	const open = source.indexOf('{', source.indexOf('=', start));
	const names: string[] = [];
	let depth = 0;
	let i = open;
	let token = '';
	for (; i < source.length; i++) {
		const c = source[i];
		if (c === '{' || c === '(' || c === '[') {
			depth++;
			token = '';
		} else if (c === '}' || c === ')' || c === ']') {
			depth--;
			token = '';
			if (depth === 0) break;
		} else if (depth === 1) {
			if (/[A-Za-z0-9_$]/.test(c)) token += c;
			else if (c === ':' && token) {
				names.push(token);
				token = '';
			} else if (c === ',' && token) {
				// shorthand `{ save, unsave }`
				names.push(token);
				token = '';
			} else if (!/\s/.test(c)) token = '';
		}
	}
	if (token) names.push(token);
	return [...new Set(names)];
}

export function serverMethods(source: string): string[] {
	return METHODS.filter((m) => new RegExp(`export (const|async function|function) ${m}\\b`).test(source));
}

/** `src/routes/[locale=locale]/programs/+page.svelte` → `/[locale=locale]/programs`. */
function routeId(routesDir: string, file: string): string {
	const rel = path.relative(routesDir, path.dirname(file)).split(path.sep).join('/');
	return '/' + rel.replace(/^\/+/, '');
}

export function enumerateTargets(routesDir = path.resolve('src/routes')): Target[] {
	const targets = new Set<Target>();
	for (const file of walk(routesDir)) {
		const base = path.basename(file);
		const id = routeId(routesDir, file).replace(/\/$/, '') || '/';
		if (base === '+page.svelte') targets.add(`${id} PAGE`);
		else if (base === '+page.server.ts' || base === '+page.server.js') {
			for (const name of actionNames(fs.readFileSync(file, 'utf8'))) targets.add(`${id} ACTION ${name}`);
		} else if (base === '+server.ts' || base === '+server.js') {
			for (const m of serverMethods(fs.readFileSync(file, 'utf8'))) targets.add(`${id} ${m}` as Target);
		}
	}
	return [...targets].sort();
}
