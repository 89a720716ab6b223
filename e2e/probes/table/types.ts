/**
 * The authorization matrix's vocabulary: one row per request target (a page, a form action, an
 * endpoint method; several rows when a relation matters, e.g. a record of one's own country vs
 * another's), each with the status every role must get. Module files declare their rows with the
 * helpers below; `index.ts` joins them into the one table the probe runs and checks for coverage.
 */

export const ROLES = [
	'anon',
	'entrepreneur',
	'staff',
	'coordinator',
	'coordinatorKZ',
	'editor',
	'admin'
] as const;
/**
 * anon: nobody signed in · entrepreneur: signed in, no grants (she also owns the probe's shop and
 * started its production network: the owner; every other role is another user there) · staff: staff of
 * a KG organization ·
 * coordinator: coalition coordinator for KG · coordinatorKZ: the same role in another country ·
 * editor: care editor for KG · admin: platform admin.
 */
export type Role = (typeof ROLES)[number];

export type Expect = Record<Role, number>;

export interface Ids {
	[what: string]: string;
}

export interface Row {
	/** `<route id> PAGE`, `<route id> ACTION <name>` or `<route id> <METHOD>` (see ../routes.ts). */
	target: string;
	/** The concrete path, locale `en`, with real parameter values. */
	path: (ids: Ids) => string;
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** The form action's name, for POSTs to a page. */
	action?: string;
	/** Form fields sent with an action (default: none, so a permitted role gets a validation answer). */
	form?: (ids: Ids) => Record<string, string>;
	/** JSON body for endpoints. */
	json?: unknown;
	expect: Expect;
	/** What the row is about when several rows share a target. */
	variant?: string;
	/** Runs after every other row (sign-out ends the session the others use). */
	last?: boolean;
}

/** Expectations: the listed roles, `rest` for every other. */
export function by(spec: Partial<Expect> & { rest: number }): Expect {
	const { rest, ...given } = spec;
	return Object.fromEntries(ROLES.map((r) => [r, given[r] ?? rest])) as Expect;
}

export const all = (status: number): Expect => by({ rest: status });
/** Signed-in only: anonymous visitors are sent to sign in (303). */
export const signedIn = (status = 200): Expect => by({ anon: 303, rest: status });
/** Only the listed roles get `yes`; other signed-in roles 403, anonymous 303. */
export function only(roles: Role[], yes = 200, no = 403, anon = 303): Expect {
	return by({ anon, rest: no, ...Object.fromEntries(roles.map((r) => [r, yes])) });
}

const L = '/[locale=locale]';
type P = string | ((ids: Ids) => string);
const toPath = (p: P) => (typeof p === 'string' ? () => p : p);

/** A page (GET with its loads). `route` is the id under [locale=locale], e.g. `/programs/mine`. */
export function page(route: string, path: P, expect: Expect, variant?: string): Row {
	return {
		target: `${L}${route} PAGE`.replace(`${L}/ PAGE`, `${L} PAGE`),
		path: toPath(path),
		method: 'GET',
		expect,
		variant
	};
}

/** A form action posted as a browser without JavaScript would, with `form` fields (default none). */
export function action(
	route: string,
	name: string,
	path: P,
	expect: Expect,
	extra: Partial<Pick<Row, 'form' | 'variant' | 'last'>> = {}
): Row {
	return {
		target: `${L}${route} ACTION ${name}`,
		path: toPath(path),
		method: 'POST',
		action: name,
		expect,
		...extra
	};
}

/** A `+server.ts` method. `route` is the full route id, e.g. `/api/v1/programs`. */
export function endpoint(
	route: string,
	method: Row['method'],
	path: P,
	expect: Expect,
	extra: Partial<Pick<Row, 'json' | 'variant'>> = {}
): Row {
	return { target: `${route} ${method}`, path: toPath(path), method, expect, ...extra };
}
