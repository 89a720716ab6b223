import type { ServiceContext } from '#lib/server/core';
import {
	CHANNELS,
	impact,
	IMPACT_COUNTRIES,
	REGION,
	STORY_BARRIERS,
	STORY_KINDS
} from '#lib/server/modules/impact';
import { shops } from '#lib/server/modules/shops';

/** What the story form offers: kinds, the coordinator's countries, channels, barriers and the shops' index. */
export async function storyOptions(ctx: ServiceContext) {
	const list = await shops.listShops(ctx, { page: 1 });
	return {
		kinds: STORY_KINDS,
		countries: [...IMPACT_COUNTRIES, REGION].filter((c) => impact.isCoordinator(ctx, c)),
		channels: CHANNELS,
		barriers: STORY_BARRIERS,
		shops: list.items.map((s) => ({ slug: s.slug, name: s.name, country: s.country }))
	};
}
