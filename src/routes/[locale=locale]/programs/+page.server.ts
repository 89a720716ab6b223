import type { PageServerLoad } from './$types';
import { reference } from '#lib/server/core';
import { isCurator, programs, PROGRAM_COUNTRIES, PROGRAM_KINDS } from '#lib/server/modules/programs';

const PARAMS = ['q', 'country', 'region', 'kind', 'women', 'open', 'sort', 'page'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const query: Record<string, string> = {};
	for (const name of PARAMS) {
		const v = url.searchParams.get(name);
		if (v) query[name] = v;
	}
	let result;
	let invalid = false;
	try {
		result = await programs.findPrograms(locals.ctx, query);
	} catch {
		// A hand-edited URL with a bad filter shows everything rather than an error page.
		invalid = true;
		result = await programs.findPrograms(locals.ctx, { q: query.q?.slice(0, 200) });
	}
	// Only what the cards show: SvelteKit serialises all load data even without a client router.
	const shown = {
		...result,
		understood: null,
		items: result.items.map((i) => ({
			slug: i.slug,
			url: i.url,
			title: i.title,
			summary: i.summary,
			summaryFallback: i.summaryFallback,
			titleDraft: i.titleDraft,
			summaryDraft: i.summaryDraft,
			kinds: i.kinds,
			country: i.country,
			countries: i.countries,
			status: i.status,
			womenSpecific: i.womenSpecific,
			verification: i.verification,
			terms: { amountMax: i.terms.amountMax, currency: i.terms.currency },
			lastDeadline: i.lastDeadline,
			reviewedOn: i.reviewedOn,
			demo: i.demo
		}))
	};
	const country = query.country && query.country !== 'REGIONAL' ? query.country : null;
	// What the search read from the words, shown as removable chips.
	const u = result.understood;
	const understood =
		u && (u.region || u.country || u.kind)
			? {
					region: u.region,
					regionName: u.region
						? ((await reference.getDivision(locals.ctx, u.region))?.name ?? u.region)
						: null,
					country: u.country,
					kind: u.kind,
					withoutPlace: u.withoutPlace,
					withoutKind: u.withoutKind
				}
			: null;
	return {
		understood,
		// No program has a dated deadline: the deadline order would only repeat the default one.
		deadlineSort: query.sort === 'deadline' || (await programs.hasDeadlines(locals.ctx)),
		query,
		invalid,
		result: shown,
		countries: PROGRAM_COUNTRIES,
		kinds: PROGRAM_KINDS,
		regions: country ? await reference.listDivisions(locals.ctx, country) : [],
		signedIn: !!locals.user,
		curator: isCurator(locals.ctx.actor)
	};
};
