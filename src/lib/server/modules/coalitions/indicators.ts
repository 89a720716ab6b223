import { sql } from 'drizzle-orm';
import {
	groupedIndicator,
	type IndicatorDefinition,
	type IndicatorRequest,
	requestedCountries
} from '../../core';

/**
 * What the coalitions module counts (core/indicators): member organizations registered in Birge (by
 * region and type), the figures sources reported (member organizations, women represented: each
 * coalition's latest reported figure), and recommendations adopted or implemented of the total, by
 * barrier, counted as the accountability page counts them (workflow.ts `adoptionOf`: an aggregate
 * outcome counts its own N of M, a coalition's own output and demo items not at all).
 */

const countries = requestedCountries;

const members: IndicatorDefinition = {
	name: 'coalitions.member_organizations',
	unit: 'organizations',
	kind: 'stock',
	dimensions: ['region', 'org_type'],
	compute(ctx, request) {
		return groupedIndicator(ctx, this, request, {
			source: (period) => sql`
				select ${period}::text as period, c.country, m.region as d_region, m.org_type as d_org_type, m.id
				from coalitions_member m join coalitions_coalition c on c.id = m.coalition_id
				where m.status = 'member' and c.country in (${countries(request)})`,
			value: sql`count(distinct s.id)`
		});
	}
};

/** Each coalition's latest reported value of `field` (the reported list is in the order reported). */
function latestReported(request: IndicatorRequest, period: string, field: 'members' | 'womenRepresented') {
	return sql`
		select ${period}::text as period, c.country, r.n
		from coalitions_coalition c
		cross join lateral (
			select (e->>${field})::bigint as n
			from jsonb_array_elements(c.reported) with ordinality as x(e, i)
			where jsonb_typeof(e->${field}) = 'number'
			order by x.i desc limit 1
		) r
		where c.country in (${countries(request)})`;
}

const reportedMembers: IndicatorDefinition = {
	name: 'coalitions.member_organizations_reported',
	unit: 'organizations',
	kind: 'stock',
	dimensions: [],
	compute(ctx, request) {
		return groupedIndicator(ctx, this, request, {
			source: (period) => latestReported(request, period, 'members'),
			value: sql`sum(s.n)`
		});
	}
};

const women: IndicatorDefinition = {
	name: 'coalitions.women_represented_reported',
	unit: 'people',
	kind: 'stock',
	dimensions: [],
	compute(ctx, request) {
		return groupedIndicator(ctx, this, request, {
			source: (period) => latestReported(request, period, 'womenRepresented'),
			value: sql`sum(s.n)`
		});
	}
};

/** Counted items with their share of the total and of the adopted (one row per item). */
function counted(request: IndicatorRequest, period: string) {
	return sql`
		select ${period}::text as period, c.country, r.barrier as d_barrier,
			case when r.kind = 'aggregate' then coalesce(r.aggregate_total, 0) else 1 end as total,
			case when r.kind = 'aggregate' then least(coalesce(r.aggregate_adopted, 0), coalesce(r.aggregate_total, 0))
				when r.status in ('adopted', 'implemented') then 1 else 0 end as adopted
		from coalitions_recommendation r join coalitions_coalition c on c.id = r.coalition_id
		where not r.demo and r.kind <> 'coalition_output' and c.country in (${countries(request)})`;
}

const recommendations: IndicatorDefinition = {
	name: 'coalitions.recommendations',
	unit: 'items',
	kind: 'stock',
	dimensions: ['barrier'],
	compute(ctx, request) {
		return groupedIndicator(ctx, this, request, {
			source: (period) => counted(request, period),
			value: sql`sum(s.total)`
		});
	}
};

const adopted: IndicatorDefinition = {
	name: 'coalitions.recommendations_adopted',
	unit: 'items',
	kind: 'stock',
	dimensions: ['barrier'],
	compute(ctx, request) {
		return groupedIndicator(ctx, this, request, {
			source: (period) => counted(request, period),
			value: sql`sum(s.adopted)`
		});
	}
};

export const coalitionsIndicators: IndicatorDefinition[] = [
	members,
	reportedMembers,
	women,
	recommendations,
	adopted
];
