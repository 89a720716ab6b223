import { all, endpoint, type Row } from './types';

/** The platform's own endpoints: health, the API description, stored files. */
export const rows: Row[] = [
	endpoint('/healthz', 'GET', '/healthz', all(200)),
	// Telegram's webhook: the path carries the bot's secret; a wrong one (or no bot configured) is 404.
	endpoint('/api/telegram/[secret]', 'POST', '/api/telegram/not-the-secret', all(404), {
		json: { update_id: 1 },
		variant: 'a wrong secret'
	}),
	endpoint('/api/v1/openapi.json', 'GET', '/api/v1/openapi.json', all(200)),
	endpoint('/files/[name]', 'GET', `/files/${'0'.repeat(64)}.jpg`, all(404), { variant: 'unknown' }),
	endpoint('/files/private/[id]', 'GET', '/files/private/no-such-file', all(404), { variant: 'unknown' })
];
