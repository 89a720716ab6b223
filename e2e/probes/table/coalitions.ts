import { action, all, by, endpoint, only, page, signedIn, type Row } from './types';

const COORD = ['coordinator', 'admin'] as const;
const COORD_KZ = ['coordinatorKZ', 'admin'] as const;

/** Coalitions: public agenda and accountability, joining, coordinators' management, CSV, API. */
export const rows: Row[] = [
	page('/coalitions', '/en/coalitions', all(200)),
	page('/coalitions/[slug]', '/en/coalitions/kg', all(200)),
	page('/coalitions/[slug]', '/en/coalitions/no-such', all(404), 'unknown'),
	// Following a coalition's news in the bot: her own subscription. Nobody here has linked Telegram,
	// so following is refused as invalid (400); unfollowing what she does not follow is a no-op (200).
	action('/coalitions/[slug]', 'follow', '/en/coalitions/kg', signedIn(400)),
	action('/coalitions/[slug]', 'unfollow', '/en/coalitions/kg', signedIn(200)),
	action('/coalitions/[slug]', 'follow', '/en/coalitions/no-such', signedIn(404), { variant: 'unknown' }),
	page('/coalitions/[slug]/import', '/en/coalitions/kg/import', only([...COORD])),
	page('/coalitions/[slug]/import', '/en/coalitions/kz/import', only([...COORD_KZ]), 'other country'),
	// Without a file the import page answers 200 with its message (not 400).
	action('/coalitions/[slug]/import', 'check', '/en/coalitions/kg/import', only([...COORD], 200)),
	action('/coalitions/[slug]/import', 'check', '/en/coalitions/kz/import', only([...COORD_KZ], 200), {
		variant: 'other country'
	}),
	action('/coalitions/[slug]/import', 'apply', '/en/coalitions/kg/import', only([...COORD], 200)),
	page('/coalitions/[slug]/items/[id]', (i) => `/en/coalitions/kg/items/${i.itemKG}`, all(200)),
	page('/coalitions/[slug]/items/[id]', '/en/coalitions/kg/items/no-such', all(404), 'unknown'),
	action(
		'/coalitions/[slug]/items/[id]',
		'endorse',
		(i) => `/en/coalitions/kg/items/${i.itemKG}`,
		signedIn(400)
	),
	// Comments: member organizations' people and the country's coordinator (and admins).
	action(
		'/coalitions/[slug]/items/[id]',
		'comment',
		(i) => `/en/coalitions/kg/items/${i.itemKG}`,
		only([...COORD], 400)
	),
	action(
		'/coalitions/[slug]/items/[id]',
		'text',
		(i) => `/en/coalitions/kg/items/${i.itemKG}`,
		only([...COORD], 400)
	),
	action(
		'/coalitions/[slug]/items/[id]',
		'record',
		(i) => `/en/coalitions/kg/items/${i.itemKG}`,
		only([...COORD], 400)
	),
	page('/coalitions/[slug]/join', '/en/coalitions/kg/join', signedIn()),
	action('/coalitions/[slug]/join', 'default', '/en/coalitions/kg/join', signedIn(400)),
	page('/coalitions/[slug]/manage', '/en/coalitions/kg/manage', only([...COORD])),
	page('/coalitions/[slug]/manage', '/en/coalitions/kz/manage', only([...COORD_KZ]), 'other country'),
	...(['review', 'recommendation', 'agenda', 'version'] as const).map((name) =>
		action('/coalitions/[slug]/manage', name, '/en/coalitions/kg/manage', only([...COORD], 400))
	),
	// An empty form would erase the profile in every language: refused (400); with a text it saves.
	action('/coalitions/[slug]/manage', 'profile', '/en/coalitions/kg/manage', only([...COORD], 400)),
	action('/coalitions/[slug]/manage', 'profile', '/en/coalitions/kg/manage', only([...COORD], 303), {
		variant: 'a text',
		form: () => ({ profile_en: 'Coalition of women entrepreneurs (probe)' })
	}),
	action('/coalitions/[slug]/manage', 'agenda', '/en/coalitions/kz/manage', only([...COORD_KZ], 400), {
		variant: 'other country'
	}),
	page('/coalitions/[slug]/members', '/en/coalitions/kg/members', all(200)),
	// The member's own profile: an empty form fails validation (400) before membership is looked up.
	action('/coalitions/[slug]/members', 'profile', '/en/coalitions/kg/members', signedIn(400)),
	// A complete profile for an organization that is not a member: refused (403); those who may act
	// for the organization (its staff, the coordinator, admins) learn it is not a member (404).
	action(
		'/coalitions/[slug]/members',
		'profile',
		'/en/coalitions/kg/members',
		{ ...signedIn(403), staff: 404, coordinator: 404, admin: 404 },
		{
			variant: 'complete form, not a member',
			form: (i) => ({
				organizationId: i.orgId,
				region: 'KG-C',
				womenRepresented: '12',
				contactPerson: 'Probe',
				contactEmail: 'probe.org@example.org',
				contactPhone: '',
				listed: 'on'
			})
		}
	),
	// Leaving: nobody here is a member; coordinators and admins pass the access check and find none.
	action('/coalitions/[slug]/members', 'leave', '/en/coalitions/kg/members', {
		...signedIn(403),
		coordinator: 404,
		admin: 404
	}),
	endpoint(
		'/[locale=locale]/coalitions/[slug]/recommendations.csv',
		'GET',
		'/en/coalitions/kg/recommendations.csv',
		all(200)
	),
	endpoint(
		'/[locale=locale]/coalitions/[slug]/timeline.csv',
		'GET',
		'/en/coalitions/kg/timeline.csv',
		all(200)
	),
	endpoint('/api/v1/coalitions', 'GET', '/api/v1/coalitions', all(200)),
	endpoint(
		'/api/v1/coalitions/[slug]/recommendations',
		'GET',
		'/api/v1/coalitions/kg/recommendations',
		all(200)
	),
	endpoint(
		'/api/v1/coalitions/[slug]/recommendations',
		'GET',
		'/api/v1/coalitions/no-such/recommendations',
		all(404),
		{
			variant: 'unknown'
		}
	),
	endpoint('/api/v1/coalitions/evidence/[id]', 'GET', '/api/v1/coalitions/evidence/no-such-file', all(404), {
		variant: 'unknown'
	}),
	page('/coalitions/[slug]/manage', '/en/coalitions/no-such/manage', by({ anon: 303, rest: 404 }), 'unknown')
];
