import type { RequestEvent } from '@sveltejs/kit';
import { HSDS_VERSION, type HsdsOrganization, type HsdsService } from '#lib/server/core';
import { care } from '#lib/server/modules/care';
import { programs } from '#lib/server/modules/programs';
import { apiLocale } from './api';

/**
 * The HSDS 3.0 dataset the /api/v1/hsds/ endpoints answer from: the help directory and the programs,
 * published and confirmed entries only, in the language of `?lang=` (default English). The care part
 * is read like the public directory: no session, no cookie, nothing about who asked is kept
 * (/api/v1/hsds is a private path, see web/locale.ts).
 */
export async function hsdsDataset(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const locale = apiLocale(event.url, 'en');
	const ctx = { ...event.locals.ctx, locale };
	const [help, progs] = await Promise.all([care.hsdsDirectory(ctx), programs.hsdsPrograms(ctx)]);
	const organizations = new Map<string, HsdsOrganization>();
	for (const o of [...help.organizations, ...progs.organizations]) organizations.set(o.id, o);
	const services: HsdsService[] = [...help.services, ...progs.services];
	return { locale, services, organizations: [...organizations.values()] };
}

/** `?page=&per_page=` as the HSDS API pages lists (1-based, at most 500 a page). */
export function hsdsPage<T>(url: URL, items: T[]) {
	const perPage = Math.min(500, Math.max(1, Number(url.searchParams.get('per_page')) || 50));
	const total = items.length;
	const pages = Math.max(1, Math.ceil(total / perPage));
	const page = Math.min(pages, Math.max(1, Number(url.searchParams.get('page')) || 1));
	return {
		total_items: total,
		total_pages: pages,
		page_number: page,
		size: perPage,
		first_page: page === 1,
		last_page: page === pages,
		empty: total === 0,
		contents: items.slice((page - 1) * perPage, page * perPage)
	};
}

export const HSDS_HEADERS = { 'cache-control': 'no-store' };
export { HSDS_VERSION };
