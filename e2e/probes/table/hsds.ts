import { by, endpoint, type Row } from './types';

/** The open directory (HSDS) API: public, read-only, ids as the API lists them. */
export const rows: Row[] = [
	endpoint('/api/v1/hsds', 'GET', '/api/v1/hsds', by({ rest: 200 })),
	endpoint('/api/v1/hsds/export', 'GET', '/api/v1/hsds/export', by({ rest: 200 })),
	endpoint('/api/v1/hsds/organizations', 'GET', '/api/v1/hsds/organizations', by({ rest: 200 })),
	endpoint(
		'/api/v1/hsds/organizations/[id]',
		'GET',
		(i) => `/api/v1/hsds/organizations/${i.hsdsOrganization}`,
		by({ rest: 200 })
	),
	endpoint('/api/v1/hsds/services', 'GET', '/api/v1/hsds/services', by({ rest: 200 })),
	endpoint(
		'/api/v1/hsds/services/[id]',
		'GET',
		(i) => `/api/v1/hsds/services/${i.hsdsService}`,
		by({ rest: 200 })
	),
	endpoint('/api/v1/hsds/services/[id]', 'GET', '/api/v1/hsds/services/no-such-service', by({ rest: 404 }), {
		variant: 'unknown'
	})
];
