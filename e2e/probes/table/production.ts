import { action, by, endpoint, page, type Row } from './types';

/**
 * Production (home-based maker networks). The entrepreneur started the probe's network (any signed-in
 * woman may, ../world.ts) and is its coordinator; platform admins act as coordinators everywhere; for
 * everybody else the network is NOT_FOUND (production/access.ts: its existence is private). Makers'
 * own pages (my-work) are open to every signed-in woman and hold only her own records. Makers,
 * orders, assignments and statements: unknown records only (none exist in the probe's world).
 * An empty form changes nothing: `invite` (days required) and `tolerance` answer 400 with a message.
 * Owner vs other ('other' rows): the demo seed's network (`demo-production-kg`, run by the accounts demo
 * organization, whose staff none of the probe's people are) with its maker and order: through the
 * entrepreneur's own network they are NOT_FOUND for everybody, platform admins included (the page checks
 * the record belongs to the network in the path); the network itself only for platform admins.
 */
export const rows: Row[] = [
	action('/my-work', 'respond', '/en/my-work', by({ anon: 303, rest: 404 })),
	page('/my-work', '/en/my-work', by({ anon: 303, rest: 200 })),
	action('/my-work/join', 'default', '/en/my-work/join', by({ anon: 303, rest: 400 })),
	page('/my-work/join', '/en/my-work/join', by({ anon: 303, rest: 200 })),
	page('/my-work/kits', '/en/my-work/kits', by({ anon: 303, rest: 200 })),
	action('/my-work/pay', 'leave', '/en/my-work/pay', by({ anon: 303, rest: 404 })),
	action('/my-work/pay', 'withdraw', '/en/my-work/pay', by({ anon: 303, rest: 404 })),
	page('/my-work/pay', '/en/my-work/pay', by({ anon: 303, rest: 200 })),
	page(
		'/my-work/pay/[maker]/[month]',
		'/en/my-work/pay/no-such-maker/2026-01',
		by({ anon: 303, rest: 404 }),
		'unknown'
	),
	endpoint(
		'/[locale=locale]/my-work/pay/[maker]/[month]/statement.pdf',
		'GET',
		'/en/my-work/pay/no-such-maker/2026-01/statement.pdf',
		by({ anon: 303, rest: 404 }),
		{ variant: 'unknown' }
	),
	action(
		'/my-work/report/[assignment]',
		'default',
		'/en/my-work/report/no-such-assignment',
		by({ anon: 303, rest: 404 }),
		{ variant: 'unknown' }
	),
	page(
		'/my-work/report/[assignment]',
		'/en/my-work/report/no-such-assignment',
		by({ anon: 303, rest: 404 }),
		'unknown'
	),
	action('/production', 'create', '/en/production', by({ anon: 303, rest: 400 })),
	page('/production', '/en/production', by({ anon: 303, rest: 200 })),
	action(
		'/production/[network]',
		'coordinator',
		(i) => `/en/production/${i.network}`,
		by({ anon: 303, entrepreneur: 400, admin: 400, rest: 404 })
	),
	action(
		'/production/[network]',
		'invite',
		(i) => `/en/production/${i.network}`,
		by({ anon: 303, entrepreneur: 400, admin: 400, rest: 404 })
	),
	action(
		'/production/[network]',
		'tolerance',
		(i) => `/en/production/${i.network}`,
		by({ anon: 303, entrepreneur: 400, admin: 400, rest: 404 })
	),
	page(
		'/production/[network]',
		(i) => `/en/production/${i.network}`,
		by({ anon: 303, entrepreneur: 200, admin: 200, rest: 404 })
	),
	page(
		'/production/[network]',
		'/en/production/demo-production-kg',
		by({ anon: 303, admin: 200, rest: 404 }),
		'other'
	),
	action(
		'/production/[network]/makers',
		'add',
		(i) => `/en/production/${i.network}/makers`,
		by({ anon: 303, entrepreneur: 400, admin: 400, rest: 404 })
	),
	page(
		'/production/[network]/makers',
		(i) => `/en/production/${i.network}/makers`,
		by({ anon: 303, entrepreneur: 200, admin: 200, rest: 404 })
	),
	action(
		'/production/[network]/makers/[maker]',
		'adjust',
		(i) => `/en/production/${i.network}/makers/no-such-maker`,
		by({ anon: 303, rest: 404 }),
		{ variant: 'unknown' }
	),
	action(
		'/production/[network]/makers/[maker]',
		'correct',
		(i) => `/en/production/${i.network}/makers/no-such-maker`,
		by({ anon: 303, rest: 404 }),
		{ variant: 'unknown' }
	),
	action(
		'/production/[network]/makers/[maker]',
		'leave',
		(i) => `/en/production/${i.network}/makers/no-such-maker`,
		by({ anon: 303, rest: 404 }),
		{ variant: 'unknown' }
	),
	action(
		'/production/[network]/makers/[maker]',
		'update',
		(i) => `/en/production/${i.network}/makers/no-such-maker`,
		by({ anon: 303, rest: 404 }),
		{ variant: 'unknown' }
	),
	action(
		'/production/[network]/makers/[maker]',
		'withdraw',
		(i) => `/en/production/${i.network}/makers/no-such-maker`,
		by({ anon: 303, rest: 404 }),
		{ variant: 'unknown' }
	),
	page(
		'/production/[network]/makers/[maker]',
		(i) => `/en/production/${i.network}/makers/no-such-maker`,
		by({ anon: 303, rest: 404 }),
		'unknown'
	),
	page(
		'/production/[network]/makers/[maker]',
		(i) => `/en/production/${i.network}/makers/demo-maker-1`,
		by({ anon: 303, rest: 404 }),
		'other'
	),
	action(
		'/production/[network]/materials',
		'kit',
		(i) => `/en/production/${i.network}/materials`,
		by({ anon: 303, entrepreneur: 400, admin: 400, rest: 404 })
	),
	action(
		'/production/[network]/materials',
		'material',
		(i) => `/en/production/${i.network}/materials`,
		by({ anon: 303, entrepreneur: 400, admin: 400, rest: 404 })
	),
	action(
		'/production/[network]/materials',
		'move',
		(i) => `/en/production/${i.network}/materials`,
		by({ anon: 303, entrepreneur: 400, admin: 400, rest: 404 })
	),
	page(
		'/production/[network]/materials',
		(i) => `/en/production/${i.network}/materials`,
		by({ anon: 303, entrepreneur: 200, admin: 200, rest: 404 })
	),
	action(
		'/production/[network]/orders',
		'create',
		(i) => `/en/production/${i.network}/orders`,
		by({ anon: 303, entrepreneur: 400, admin: 400, rest: 404 })
	),
	page(
		'/production/[network]/orders',
		(i) => `/en/production/${i.network}/orders`,
		by({ anon: 303, entrepreneur: 200, admin: 200, rest: 404 })
	),
	action(
		'/production/[network]/orders/[order]',
		'takeBack',
		(i) => `/en/production/${i.network}/orders/no-such-order`,
		by({ anon: 303, rest: 404 }),
		{ variant: 'unknown' }
	),
	page(
		'/production/[network]/orders/[order]',
		(i) => `/en/production/${i.network}/orders/no-such-order`,
		by({ anon: 303, rest: 404 }),
		'unknown'
	),
	page(
		'/production/[network]/orders/[order]',
		(i) => `/en/production/${i.network}/orders/demo-order-slippers`,
		by({ anon: 303, rest: 404 }),
		'other'
	),
	action(
		'/production/[network]/orders/[order]',
		'takeBack',
		(i) => `/en/production/${i.network}/orders/demo-order-slippers`,
		by({ anon: 303, rest: 404 }),
		{ variant: 'other', form: () => ({ assignmentId: 'demo-assignment-1' }) }
	),
	action(
		'/production/[network]/patterns',
		'create',
		(i) => `/en/production/${i.network}/patterns`,
		by({ anon: 303, entrepreneur: 400, admin: 400, rest: 404 })
	),
	action(
		'/production/[network]/patterns',
		'file',
		(i) => `/en/production/${i.network}/patterns`,
		by({ anon: 303, rest: 404 })
	),
	action(
		'/production/[network]/patterns',
		'rate',
		(i) => `/en/production/${i.network}/patterns`,
		by({ anon: 303, entrepreneur: 400, admin: 400, rest: 404 })
	),
	page(
		'/production/[network]/patterns',
		(i) => `/en/production/${i.network}/patterns`,
		by({ anon: 303, entrepreneur: 200, admin: 200, rest: 404 })
	),
	action(
		'/production/[network]/payouts',
		'payout',
		(i) => `/en/production/${i.network}/payouts`,
		by({ anon: 303, entrepreneur: 400, admin: 400, rest: 404 })
	),
	page(
		'/production/[network]/payouts',
		(i) => `/en/production/${i.network}/payouts`,
		by({ anon: 303, entrepreneur: 200, admin: 200, rest: 404 })
	),
	action(
		'/production/[network]/queue',
		'part',
		(i) => `/en/production/${i.network}/queue`,
		by({ anon: 303, entrepreneur: 400, admin: 400, rest: 404 })
	),
	action(
		'/production/[network]/queue',
		'review',
		(i) => `/en/production/${i.network}/queue`,
		by({ anon: 303, entrepreneur: 400, admin: 400, rest: 404 })
	),
	page(
		'/production/[network]/queue',
		(i) => `/en/production/${i.network}/queue`,
		by({ anon: 303, entrepreneur: 200, admin: 200, rest: 404 })
	),
	page(
		'/production/[network]/reconciliation',
		(i) => `/en/production/${i.network}/reconciliation`,
		by({ anon: 303, entrepreneur: 200, admin: 200, rest: 404 })
	),
	page(
		'/production/[network]/statements',
		(i) => `/en/production/${i.network}/statements`,
		by({ anon: 303, entrepreneur: 200, admin: 200, rest: 404 })
	),
	page(
		'/production/[network]/statements/[maker]/[month]',
		(i) => `/en/production/${i.network}/statements/no-such-maker/2026-01`,
		by({ anon: 303, rest: 404 }),
		'unknown'
	),
	endpoint(
		'/[locale=locale]/production/[network]/statements/[maker]/[month]/statement.pdf',
		'GET',
		(i) => `/en/production/${i.network}/statements/no-such-maker/2026-01/statement.pdf`,
		by({ anon: 303, rest: 404 }),
		{ variant: 'unknown' }
	),
	endpoint(
		'/[locale=locale]/production/[network]/statements/ledger.csv',
		'GET',
		(i) => `/en/production/${i.network}/statements/ledger.csv`,
		by({ anon: 303, entrepreneur: 200, admin: 200, rest: 404 })
	),
	endpoint(
		'/[locale=locale]/production/[network]/statements/ledger.xlsx',
		'GET',
		(i) => `/en/production/${i.network}/statements/ledger.xlsx`,
		by({ anon: 303, entrepreneur: 200, admin: 200, rest: 404 })
	),
	endpoint(
		'/[locale=locale]/production/[network]/statements/open',
		'GET',
		(i) => `/en/production/${i.network}/statements/open`,
		by({ rest: 303 })
	),
	// A CR/LF in the id once reached the redirect's Location header raw (500): now encoded.
	endpoint(
		'/[locale=locale]/production/[network]/statements/open',
		'GET',
		'/en/production/a%0d%0ab%E2%80%AE/statements/open',
		by({ rest: 303 }),
		{ variant: 'an id with CR/LF' }
	),
	endpoint(
		'/[locale=locale]/production/[network]/statements/register.csv',
		'GET',
		(i) => `/en/production/${i.network}/statements/register.csv`,
		by({ anon: 303, entrepreneur: 200, admin: 200, rest: 404 })
	),
	endpoint(
		'/[locale=locale]/production/[network]/statements/register.xlsx',
		'GET',
		(i) => `/en/production/${i.network}/statements/register.xlsx`,
		by({ anon: 303, entrepreneur: 200, admin: 200, rest: 404 })
	),
	endpoint('/api/v1/production/me', 'GET', '/api/v1/production/me', by({ anon: 401, rest: 200 })),
	endpoint(
		'/api/v1/production/networks/[id]/ledger',
		'GET',
		(i) => `/api/v1/production/networks/${i.network}/ledger`,
		by({ anon: 401, entrepreneur: 200, admin: 200, rest: 404 })
	),
	endpoint(
		'/api/v1/production/networks/[id]/payouts',
		'POST',
		(i) => `/api/v1/production/networks/${i.network}/payouts`,
		by({ anon: 401, entrepreneur: 400, admin: 400, rest: 404 }),
		{ json: {} }
	),
	endpoint(
		'/api/v1/production/networks/[id]/queue',
		'GET',
		(i) => `/api/v1/production/networks/${i.network}/queue`,
		by({ anon: 401, entrepreneur: 200, admin: 200, rest: 404 })
	),
	endpoint(
		'/api/v1/production/networks/[id]/register',
		'GET',
		(i) => `/api/v1/production/networks/${i.network}/register`,
		by({ anon: 401, entrepreneur: 200, admin: 200, rest: 404 })
	),
	endpoint(
		'/api/v1/production/networks/[id]/reviews',
		'POST',
		(i) => `/api/v1/production/networks/${i.network}/reviews`,
		by({ anon: 401, entrepreneur: 400, admin: 400, rest: 404 }),
		{ json: {} }
	),
	endpoint('/api/v1/production/reports', 'POST', '/api/v1/production/reports', by({ anon: 401, rest: 400 }), {
		json: {}
	})
];
