import { all, endpoint, page, type Row } from './types';

/** Tools: the calculators, as pages and as API. */
export const rows: Row[] = [
	page('/tools', '/en/tools', all(200)),
	page('/tools/break-even', '/en/tools/break-even', all(200)),
	page('/tools/loan', '/en/tools/loan', all(200)),
	page('/tools/price', '/en/tools/price', all(200)),
	endpoint('/api/v1/tools/break-even', 'GET', '/api/v1/tools/break-even', all(400)),
	endpoint('/api/v1/tools/loan', 'GET', '/api/v1/tools/loan', all(400)),
	endpoint('/api/v1/tools/price', 'GET', '/api/v1/tools/price', all(400))
];
