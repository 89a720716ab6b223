import type { PageServerLoad } from './$types';
import { DOMAINS } from '#lib/server/core';
import { moduleHome } from '#lib/server/modules';

export const load: PageServerLoad = () => ({
	// All seven domains are presented; only those with pages are links.
	domains: DOMAINS.map((name) => ({ name, path: moduleHome(name)?.path ?? null }))
});
