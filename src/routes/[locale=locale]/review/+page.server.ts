import type { PageServerLoad } from './$types';
import { reviewQueue, textIn, translationsDueForReview } from '#lib/server/core';
import { MODULES } from '#lib/server/modules';
import { requireSignIn } from '#lib/server/web/forms';

/**
 * The staleness queue across modules (issue 18 item 7): what every module lists through its
 * `dueForReview` (each filtered by the actor's rights) and translations whose source changed after
 * review, with counts per country and module.
 */
export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	requireSignIn({ locals, url });
	const [due, translations] = await Promise.all([
		reviewQueue(locals.ctx, MODULES),
		translationsDueForReview(locals.ctx, MODULES)
	]);
	const items = [...due, ...translations].sort(
		(a, b) => (a.since ?? '').localeCompare(b.since ?? '') || a.id.localeCompare(b.id)
	);
	const counts = new Map<string, { country: string; module: string; count: number }>();
	for (const i of items) {
		const key = `${i.country}|${i.module}`;
		const c = counts.get(key) ?? { country: i.country, module: i.module, count: 0 };
		c.count++;
		counts.set(key, c);
	}
	return {
		counts: [...counts.values()].sort(
			(a, b) => a.country.localeCompare(b.country) || a.module.localeCompare(b.module)
		),
		items: items.slice(0, 300).map((i) => ({
			module: i.module,
			kind: i.kind,
			id: i.id,
			title: textIn(i.title, locals.locale) || i.id,
			country: i.country,
			since: i.since,
			reason: i.reason,
			path: i.path
		})),
		total: items.length
	};
};
