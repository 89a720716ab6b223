import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { ping } from '#lib/server/db';

export const GET: RequestHandler = async ({ locals }) => {
	const ok = await ping(locals.app.database.db);
	return json(
		{ status: ok ? 'ok' : 'error', db: ok ? 'ok' : 'error' },
		{ status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
