import { action, by, endpoint, only, page, type Row } from './types';

/**
 * Shops: the public catalogue, order requests, reports, and the owner's workspace. The entrepreneur
 * owns the first demo shop (set up in ../world.ts); everybody else is another user, for whom a shop she
 * does not run is NOT_FOUND in the workspace (shops/access.ts: its existence there is private; platform
 * admins moderate through takedowns, not the workspace). Order requests and buyer tokens: unknown
 * records only. `/my-shop` sends an owner straight to her shop (303).
 */
export const rows: Row[] = [
	page('/my-shop', '/en/my-shop', by({ anon: 303, entrepreneur: 303, rest: 200 })),
	page('/my-shop/[shop]', (i) => `/en/my-shop/${i.shop}`, by({ anon: 303, entrepreneur: 200, rest: 404 })),
	action(
		'/my-shop/[shop]/products/[product]',
		'photo',
		(i) => `/en/my-shop/${i.shop}/products/${i.product}`,
		by({ anon: 303, entrepreneur: 400, rest: 404 })
	),
	action(
		'/my-shop/[shop]/products/[product]',
		'photoEdit',
		(i) => `/en/my-shop/${i.shop}/products/${i.product}`,
		by({ anon: 303, rest: 404 })
	),
	action(
		'/my-shop/[shop]/products/[product]',
		'save',
		(i) => `/en/my-shop/${i.shop}/products/${i.product}`,
		by({ anon: 303, entrepreneur: 400, rest: 404 })
	),
	action(
		'/my-shop/[shop]/products/[product]',
		'status',
		(i) => `/en/my-shop/${i.shop}/products/${i.product}`,
		by({ anon: 303, entrepreneur: 400, rest: 404 })
	),
	page(
		'/my-shop/[shop]/products/[product]',
		(i) => `/en/my-shop/${i.shop}/products/${i.product}`,
		by({ anon: 303, entrepreneur: 200, rest: 404 })
	),
	action(
		'/my-shop/[shop]/products/new',
		'default',
		(i) => `/en/my-shop/${i.shop}/products/new`,
		by({ anon: 303, entrepreneur: 400, rest: 404 })
	),
	page(
		'/my-shop/[shop]/products/new',
		(i) => `/en/my-shop/${i.shop}/products/new`,
		by({ anon: 303, entrepreneur: 200, rest: 404 })
	),
	action(
		'/my-shop/[shop]/profile',
		'addOwner',
		(i) => `/en/my-shop/${i.shop}/profile`,
		by({ anon: 303, entrepreneur: 400, rest: 404 })
	),
	action(
		'/my-shop/[shop]/profile',
		'removeOwner',
		(i) => `/en/my-shop/${i.shop}/profile`,
		by({ anon: 303, rest: 404 })
	),
	action(
		'/my-shop/[shop]/profile',
		'save',
		(i) => `/en/my-shop/${i.shop}/profile`,
		by({ anon: 303, entrepreneur: 400, rest: 404 })
	),
	page(
		'/my-shop/[shop]/profile',
		(i) => `/en/my-shop/${i.shop}/profile`,
		by({ anon: 303, entrepreneur: 200, rest: 404 })
	),
	page(
		'/my-shop/[shop]/requests',
		(i) => `/en/my-shop/${i.shop}/requests`,
		by({ anon: 303, entrepreneur: 200, rest: 404 })
	),
	action(
		'/my-shop/[shop]/requests/[id]',
		'status',
		(i) => `/en/my-shop/${i.shop}/requests/no-such-id`,
		by({ anon: 303, rest: 404 }),
		{ variant: 'unknown' }
	),
	page(
		'/my-shop/[shop]/requests/[id]',
		(i) => `/en/my-shop/${i.shop}/requests/no-such-id`,
		by({ anon: 303, rest: 404 }),
		'unknown'
	),
	action('/my-shop/new', 'default', '/en/my-shop/new', by({ anon: 303, rest: 400 })),
	page('/my-shop/new', '/en/my-shop/new', by({ anon: 303, rest: 200 })),
	page('/shops', '/en/shops', by({ rest: 200 })),
	page('/shops/all', '/en/shops/all', by({ rest: 200 })),
	page(
		'/shops/moderation',
		'/en/shops/moderation',
		by({ anon: 303, coordinator: 200, coordinatorKZ: 200, admin: 200, rest: 403 })
	),
	page(
		'/shops/moderation',
		'/en/shops/moderation?status=closed',
		by({ anon: 303, coordinator: 200, coordinatorKZ: 200, admin: 200, rest: 403 }),
		'closed reports'
	),
	// The probe's shop is in Kyrgyzstan: its moderators are the KG coordinator and platform admins.
	action(
		'/shops/moderation',
		'takedown',
		'/en/shops/moderation',
		by({ anon: 303, coordinator: 400, admin: 400, rest: 403 }),
		{ form: (i) => ({ shop: i.shop, product: i.product, reason: '' }) }
	),
	action(
		'/shops/moderation',
		'restore',
		'/en/shops/moderation',
		by({ anon: 303, coordinator: 404, admin: 404, rest: 403 }),
		{ form: (i) => ({ shop: i.shop, product: 'no-such-product' }) }
	),
	action(
		'/shops/moderation',
		'dismiss',
		'/en/shops/moderation',
		by({ anon: 303, coordinator: 404, admin: 404, rest: 403 }),
		{ form: (i) => ({ shop: i.shop, product: 'no-such-product' }) }
	),
	page('/shops/[shop]', (i) => `/en/shops/${i.shop}`, by({ rest: 200 })),
	action('/shops/[shop]/[product]', 'report', (i) => `/en/shops/${i.shop}/${i.product}`, by({ rest: 400 })),
	action('/shops/[shop]/[product]', 'request', (i) => `/en/shops/${i.shop}/${i.product}`, by({ rest: 400 })),
	page('/shops/[shop]/[product]', (i) => `/en/shops/${i.shop}/${i.product}`, by({ rest: 200 })),
	action('/shops/requests/[token]', 'cancel', '/en/shops/requests/no-such-token', by({ rest: 404 }), {
		variant: 'unknown'
	}),
	action('/shops/requests/[token]', 'resend', '/en/shops/requests/no-such-token', by({ rest: 404 }), {
		variant: 'unknown'
	}),
	page('/shops/requests/[token]', '/en/shops/requests/no-such-token', by({ rest: 404 }), 'unknown'),
	endpoint('/api/v1/products', 'GET', '/api/v1/products', by({ rest: 200 })),
	endpoint('/api/v1/shops', 'GET', '/api/v1/shops', by({ rest: 200 })),
	endpoint('/api/v1/shops/[shop]', 'GET', (i) => `/api/v1/shops/${i.shop}`, by({ rest: 200 })),
	endpoint(
		'/api/v1/shops/[shop]/products/[product]',
		'GET',
		(i) => `/api/v1/shops/${i.shop}/products/${i.product}`,
		by({ rest: 200 })
	),
	endpoint(
		'/api/v1/shops/[shop]/requests',
		'POST',
		(i) => `/api/v1/shops/${i.shop}/requests`,
		by({ rest: 400 }),
		{ json: {} }
	),
	page(
		'/my-shop/[shop]',
		(i) => `/en/my-shop/${i.shopOther}`,
		by({ anon: 303, rest: 404 }),
		'a shop she does not run'
	),
	page(
		'/my-shop/[shop]/profile',
		(i) => `/en/my-shop/${i.shopOther}/profile`,
		by({ anon: 303, rest: 404 }),
		'a shop she does not run'
	),
	action(
		'/my-shop/[shop]/profile',
		'save',
		(i) => `/en/my-shop/${i.shopOther}/profile`,
		by({ anon: 303, rest: 404 }),
		{
			variant: 'a shop she does not run'
		}
	)
];

// Marketplace export (issue 13): the owner's Marketplaces section, a product's listings, export runs,
// sheets, and the Kaspi feed at its secret URL (unknown tokens only here).
rows.push(
	page(
		'/my-shop/[shop]/marketplaces',
		(i) => `/en/my-shop/${i.shop}/marketplaces`,
		by({ anon: 303, entrepreneur: 200, rest: 404 })
	),
	...['account', 'test', 'export', 'dictionary'].map((name) =>
		action(
			'/my-shop/[shop]/marketplaces',
			name,
			(i) => `/en/my-shop/${i.shop}/marketplaces`,
			by({ anon: 303, entrepreneur: 400, rest: 404 })
		)
	),
	page(
		'/my-shop/[shop]/marketplaces/[product]',
		(i) => `/en/my-shop/${i.shop}/marketplaces/${i.product}`,
		by({ anon: 303, entrepreneur: 200, rest: 404 })
	),
	action(
		'/my-shop/[shop]/marketplaces/[product]',
		'save',
		(i) => `/en/my-shop/${i.shop}/marketplaces/${i.product}`,
		by({ anon: 303, entrepreneur: 400, rest: 404 })
	),
	page(
		'/my-shop/[shop]/marketplaces/runs/[run]',
		(i) => `/en/my-shop/${i.shop}/marketplaces/runs/00000000-0000-0000-0000-000000000000`,
		by({ anon: 303, rest: 404 }),
		'unknown'
	),
	endpoint(
		'/[locale=locale]/my-shop/[shop]/marketplaces/sheets/[file]',
		'GET',
		(i) => `/en/my-shop/${i.shop}/marketplaces/sheets/kaspi.csv`,
		by({ anon: 303, entrepreneur: 200, rest: 404 })
	),
	endpoint(
		'/shops/feed/[token]/kaspi.xml',
		'GET',
		'/shops/feed/no-such-token-0000000000/kaspi.xml',
		by({ rest: 404 }),
		{ variant: 'unknown' }
	)
);
// Category maps: platform admins only (a staff page of the shops module).
rows.push(
	page('/admin/marketplace-maps', '/en/admin/marketplace-maps', only(['admin'])),
	action('/admin/marketplace-maps', 'edit', '/en/admin/marketplace-maps', only(['admin'], 400)),
	action('/admin/marketplace-maps', 'import', '/en/admin/marketplace-maps', only(['admin'], 400)),
	// Accepting a maker's checked map for every shop: platform staff only (empty form: the message).
	action('/admin/marketplace-maps', 'accept', '/en/admin/marketplace-maps', only(['admin'], 400))
);
