import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { ping } from '#lib/server/db';
import { getApp } from '#lib/server/web/runtime';

export const GET: RequestHandler = async () => {
	const ok = await ping(getApp().database.db);
	return json(
		{ status: ok ? 'ok' : 'error', db: ok ? 'ok' : 'error' },
		{ status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
