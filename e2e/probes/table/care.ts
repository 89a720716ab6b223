import { action, all, endpoint, only, page, type Row } from './types';

/** Care (safe help): the public directory and the care editors' review. */
export const rows: Row[] = [
	page('/care', '/en/care', all(200)),
	page('/care/browsing', '/en/care/browsing', all(200)),
	page('/care/plan', '/en/care/plan', all(200)),
	endpoint('/[locale=locale]/exit', 'GET', '/en/exit', all(303)),
	page('/care-review', '/en/care-review', only(['editor', 'admin'])),
	page('/care-review/[id]', (i) => `/en/care-review/${i.careKG}`, only(['editor', 'admin']), 'own country'),
	page('/care-review/[id]', (i) => `/en/care-review/${i.careKZ}`, only(['admin']), 'other country'),
	page('/care-review/[id]', '/en/care-review/no-such-service', only(['editor', 'admin'], 404), 'unknown'),
	action(
		'/care-review/[id]',
		'confirm',
		(i) => `/en/care-review/${i.careKG}`,
		only(['editor', 'admin'], 400)
	),
	action('/care-review/[id]', 'confirm', (i) => `/en/care-review/${i.careKZ}`, only(['admin'], 400), {
		variant: 'other country'
	}),
	action(
		'/care-review/[id]',
		'withdraw',
		(i) => `/en/care-review/${i.careKG}`,
		only(['editor', 'admin'], 400)
	),
	endpoint('/api/v1/care/services', 'GET', '/api/v1/care/services', all(200))
];
