import { sql } from 'drizzle-orm';
import { groupedIndicator, type IndicatorDefinition, requestedCountries } from '../../core';

/**
 * What the care module counts (core/indicators): published help entries with a recorded
 * confirmation, per country, region and kind. Never anything about who looked: the module keeps no
 * such record, and none is made here.
 */

const countries = requestedCountries;

const published: IndicatorDefinition = {
	name: 'care.published_services',
	unit: 'items',
	kind: 'stock',
	dimensions: ['region', 'kind'],
	compute(ctx, request) {
		return groupedIndicator(ctx, this, request, {
			// `regions` null: the whole country (dimension value null); otherwise each region served.
			source: (period) => sql`
				select ${period}::text as period, s.country, r.region as d_region, s.kind as d_kind, s.id
				from care_service s
				left join lateral jsonb_array_elements_text(coalesce(s.regions, '[]'::jsonb)) as r(region) on true
				where s.state = 'published' and s.last_confirmed_on is not null and not s.demo
					and s.country in (${countries(request)})`,
			value: sql`count(distinct s.id)`
		});
	}
};

export const careIndicators: IndicatorDefinition[] = [published];
