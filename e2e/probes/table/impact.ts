import { action, by, endpoint, page, type Row } from './types';

/**
 * Impact: public stories, reach and indicators, donor reports, surveys, and the coordinators'
 * management pages (coalition coordinators of any country, and admins: the role is checked per page,
 * the figures each shows are the module's concern). The seeds hold no open survey wave: unknown waves
 * only. The IATI export answers 409 in the probe's world (no IATI organization configured, no country).
 */
export const rows: Row[] = [
	page('/impact', '/en/impact', by({ rest: 200 })),
	action(
		'/impact/manage',
		'decide',
		'/en/impact/manage',
		by({ anon: 303, coordinator: 400, coordinatorKZ: 400, admin: 400, rest: 403 })
	),
	page(
		'/impact/manage',
		'/en/impact/manage',
		by({ anon: 303, coordinator: 200, coordinatorKZ: 200, admin: 200, rest: 403 })
	),
	action(
		'/impact/manage/reach',
		'apply',
		'/en/impact/manage/reach',
		by({ anon: 303, coordinator: 400, coordinatorKZ: 400, admin: 400, rest: 403 })
	),
	action(
		'/impact/manage/reach',
		'check',
		'/en/impact/manage/reach',
		by({ anon: 303, coordinator: 400, coordinatorKZ: 400, admin: 400, rest: 403 })
	),
	page(
		'/impact/manage/reach',
		'/en/impact/manage/reach',
		by({ anon: 303, coordinator: 200, coordinatorKZ: 200, admin: 200, rest: 403 })
	),
	action(
		'/impact/manage/value',
		'default',
		'/en/impact/manage/value',
		by({ anon: 303, coordinator: 400, coordinatorKZ: 400, admin: 400, rest: 403 })
	),
	page(
		'/impact/manage/value',
		'/en/impact/manage/value',
		by({ anon: 303, coordinator: 200, coordinatorKZ: 200, admin: 200, rest: 403 })
	),
	endpoint('/[locale=locale]/impact/report.pdf', 'GET', '/en/impact/report.pdf', by({ rest: 200 })),
	endpoint('/[locale=locale]/impact/report.xlsx', 'GET', '/en/impact/report.xlsx', by({ rest: 200 })),
	action('/impact/survey/[wave]', 'default', '/en/impact/survey/no-open-wave', by({ rest: 404 }), {
		variant: 'unknown'
	}),
	page('/impact/survey/[wave]', '/en/impact/survey/no-open-wave', by({ rest: 404 }), 'unknown'),
	page('/stories', '/en/stories', by({ rest: 200 })),
	endpoint('/api/v1/impact/iati', 'GET', '/api/v1/impact/iati', by({ rest: 409 })),
	endpoint('/api/v1/impact/indicators', 'GET', '/api/v1/impact/indicators', by({ rest: 200 })),
	endpoint('/api/v1/impact/reach', 'GET', '/api/v1/impact/reach', by({ rest: 200 })),
	endpoint('/api/v1/stories', 'GET', '/api/v1/stories', by({ rest: 200 }))
];
