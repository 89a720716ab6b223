import { action, by, endpoint, page, type Row } from './types';

/**
 * Impact: public stories, reach and indicators, donor reports, surveys, and the coordinators'
 * management pages (coalition coordinators of any country, and admins: the role is checked per page,
 * the figures each shows are the module's concern). The seeds hold no open survey wave: unknown waves
 * only (unknown waves, surveys and stories only). The IATI export answers 409 in the probe's world (no IATI organization configured, no country).
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
	page(
		'/impact/manage/stories',
		'/en/impact/manage/stories',
		by({ anon: 303, coordinator: 200, coordinatorKZ: 200, admin: 200, rest: 403 })
	),
	action(
		'/impact/manage/stories',
		'default',
		'/en/impact/manage/stories',
		by({ anon: 303, coordinator: 400, coordinatorKZ: 400, admin: 400, rest: 403 })
	),
	page(
		'/impact/manage/stories/[id]',
		'/en/impact/manage/stories/no-such-story',
		by({ anon: 303, rest: 404 }),
		'unknown'
	),
	action(
		'/impact/manage/stories/[id]',
		'default',
		'/en/impact/manage/stories/no-such-story',
		by({ anon: 303, rest: 404 }),
		{ variant: 'unknown' }
	),
	page(
		'/impact/manage/surveys',
		'/en/impact/manage/surveys',
		by({ anon: 303, coordinator: 200, coordinatorKZ: 200, admin: 200, rest: 403 })
	),
	action(
		'/impact/manage/surveys',
		'import',
		'/en/impact/manage/surveys',
		by({ anon: 303, coordinator: 400, coordinatorKZ: 400, admin: 400, rest: 403 })
	),
	action(
		'/impact/manage/surveys',
		'wave',
		'/en/impact/manage/surveys',
		by({ anon: 303, coordinator: 400, coordinatorKZ: 400, admin: 400, rest: 403 })
	),
	action(
		'/impact/manage/surveys',
		'toggle',
		'/en/impact/manage/surveys',
		by({ anon: 303, coordinator: 404, coordinatorKZ: 404, admin: 404, rest: 403 })
	),
	page(
		'/impact/manage/surveys/[survey]',
		'/en/impact/manage/surveys/no-such-survey',
		by({ anon: 303, rest: 404 }),
		'unknown'
	),
	page(
		'/impact/manage/waves/[wave]',
		'/en/impact/manage/waves/no-such-wave',
		by({ anon: 303, rest: 404 }),
		'unknown'
	),
	action(
		'/impact/manage/waves/[wave]',
		'answer',
		'/en/impact/manage/waves/no-such-wave',
		by({ anon: 303, rest: 404 }),
		{ variant: 'unknown' }
	),
	action(
		'/impact/manage/waves/[wave]',
		'check',
		'/en/impact/manage/waves/no-such-wave',
		by({ anon: 303, rest: 404 }),
		{ variant: 'unknown' }
	),
	action(
		'/impact/manage/waves/[wave]',
		'apply',
		'/en/impact/manage/waves/no-such-wave',
		by({ anon: 303, rest: 404 }),
		{ variant: 'unknown' }
	),
	page('/impact/surveys/[survey]', '/en/impact/surveys/no-such-survey', by({ rest: 404 }), 'unknown'),
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
