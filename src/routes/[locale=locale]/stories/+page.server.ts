import type { PageServerLoad } from './$types';
import {
	CHANNELS,
	impact,
	IMPACT_COUNTRIES,
	REGION,
	STORY_BARRIERS,
	STORY_KINDS
} from '#lib/server/modules/impact';

export const load: PageServerLoad = async ({ locals, url }) => {
	const q = url.searchParams;
	const filter = {
		country: q.get('country') ?? '',
		kind: q.get('kind') ?? '',
		barrier: q.get('barrier') ?? '',
		channel: q.get('channel') ?? ''
	};
	return {
		filter,
		stories: await impact.listStories(locals.ctx, filter),
		options: {
			countries: [...IMPACT_COUNTRIES, REGION],
			kinds: STORY_KINDS,
			barriers: STORY_BARRIERS,
			channels: CHANNELS
		}
	};
};
