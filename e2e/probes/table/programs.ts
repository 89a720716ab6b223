import { action, all, by, endpoint, only, page, signedIn, type Role, type Row } from './types';

/** Curators: staff of an organization and coordinators in a country, and platform admins. */
const CURATORS: Role[] = ['staff', 'coordinator', 'coordinatorKZ', 'admin'];
const KG: Role[] = ['staff', 'coordinator', 'admin'];
const KZ: Role[] = ['coordinatorKZ', 'admin'];

/** Programs: the support navigator, saved programs and profiles, the calendar feed, curation, API. */
export const rows: Row[] = [
	page('/programs', '/en/programs', all(200)),
	page('/programs/[slug]', (i) => `/en/programs/${i.programKG}`, all(200)),
	page('/programs/[slug]', '/en/programs/no-such-program', all(404), 'unknown'),
	action('/programs/[slug]', 'save', (i) => `/en/programs/${i.programKG}`, signedIn(303)),
	// unsave does not send her to sign in: the service refuses with 401.
	action('/programs/[slug]', 'unsave', (i) => `/en/programs/${i.programKG}`, by({ anon: 401, rest: 303 })),
	page('/programs/check', '/en/programs/check', all(200)),
	// An empty form saves nothing (400, a message); one answer is a profile worth keeping.
	action('/programs/check', 'save', '/en/programs/check', signedIn(400)),
	action('/programs/check', 'save', '/en/programs/check', signedIn(303), {
		variant: 'one answer',
		form: () => ({ country: 'KG' })
	}),
	page('/programs/mine', '/en/programs/mine', signedIn()),
	action('/programs/mine', 'deleteProfile', '/en/programs/mine', signedIn(303)),
	action('/programs/mine', 'rotateFeed', '/en/programs/mine', signedIn(303), { last: true }),
	// The curation list refuses anonymous visitors with 401 (no redirect to sign in).
	page('/programs/curate', '/en/programs/curate', only(CURATORS, 200, 403, 401)),
	page('/programs/curate/[slug]', (i) => `/en/programs/curate/${i.programKG}`, only(KG), 'KG program'),
	page('/programs/curate/[slug]', (i) => `/en/programs/curate/${i.programKZ}`, only(KZ), 'KZ program'),
	page(
		'/programs/curate/[slug]',
		'/en/programs/curate/no-such-program',
		by({ anon: 303, rest: 404 }),
		'unknown'
	),
	action('/programs/curate/[slug]', 'save', (i) => `/en/programs/curate/${i.programKG}`, only(KG, 400)),
	// Revisions are published or discarded by coordinators (not staff); there is none pending: 409.
	...(['publishRevision', 'discardRevision'] as const).map((name) =>
		action('/programs/curate/[slug]', name, (i) => `/en/programs/curate/${i.programKG}`, {
			...only(['coordinator', 'admin'], 409),
			staff: 403
		})
	),
	// Publication steps change the program's state: they run last, roles in order (staff first), so
	// the first permitted role moves it and the next ones meet the new state.
	// Staff may submit for review only; a published program cannot go to review (409), nor be
	// published again; the coordinator returns it to draft, then archives it; the admin, after her,
	// meets each state already reached (409).
	action('/programs/curate/[slug]', 'review', (i) => `/en/programs/curate/${i.programKG}`, only(KG, 409), {
		last: true
	}),
	...(['publish', 'draft', 'archive'] as const).map((name) =>
		action(
			'/programs/curate/[slug]',
			name,
			(i) => `/en/programs/curate/${i.programKG}`,
			{
				...only(['coordinator', 'admin'], 409),
				staff: 403,
				...(name === 'publish' ? {} : { coordinator: 303 })
			},
			{ last: true }
		)
	),
	action('/programs/curate/[slug]', 'save', (i) => `/en/programs/curate/${i.programKZ}`, only(KZ, 400), {
		variant: 'KZ program'
	}),
	endpoint(
		'/[locale=locale]/programs/curate/export',
		'GET',
		'/en/programs/curate/export',
		only(CURATORS, 200, 403, 401)
	),
	page('/programs/curate/import', '/en/programs/curate/import', only(CURATORS)),
	action('/programs/curate/import', 'default', '/en/programs/curate/import', only(CURATORS, 400)),
	page('/programs/curate/new', '/en/programs/curate/new', only(CURATORS)),
	action('/programs/curate/new', 'save', '/en/programs/curate/new', only(CURATORS, 400)),
	endpoint('/programs/calendar/[token]', 'GET', (i) => `/programs/calendar/${i.calendarToken}`, all(200), {
		variant: 'a feed link (a capability: whoever holds it reads it)'
	}),
	endpoint('/programs/calendar/[token]', 'GET', '/programs/calendar/not-a-real-token.ics', all(404), {
		variant: 'unknown'
	}),
	endpoint('/api/v1/programs', 'GET', '/api/v1/programs', all(200)),
	endpoint('/api/v1/programs/[slug]', 'GET', (i) => `/api/v1/programs/${i.programKG}`, all(200)),
	endpoint('/api/v1/programs/[slug]', 'GET', '/api/v1/programs/no-such-program', all(404), {
		variant: 'unknown'
	}),
	endpoint('/api/v1/programs/match', 'POST', '/api/v1/programs/match', all(200), { json: { country: 'KG' } })
];
