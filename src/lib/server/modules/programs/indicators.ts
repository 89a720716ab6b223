import { sql } from 'drizzle-orm';
import {
	groupedIndicator,
	periodSql,
	requestSpan,
	type IndicatorDefinition,
	type IndicatorRequest,
	type ServiceContext,
	requestedCountries
} from '../../core';

/**
 * What the programs module counts (core/indicators): published programs, women who saved programs,
 * eligibility checks run. Demo programs are never counted. A regional program counts in each of its
 * countries; a program limited to regions counts in each of them, one with no region of that country
 * as the whole country (dimension value null).
 */

/** Adds one to today's count of eligibility checks in the profile's country: no who, no answers. */
export async function countEligibilityCheck(ctx: ServiceContext, country: string | null | undefined) {
	const day = ctx.clock().toISOString().slice(0, 10);
	await ctx.db.execute(sql`
		insert into programs_check_count (day, country, count) values (${day}, ${country ?? ''}, 1)
		on conflict (day, country) do update set count = programs_check_count.count + 1`);
}

const countries = requestedCountries;

/** Published programs with the countries and regions each counts in (one row per pair). */
function programPlaces(request: IndicatorRequest, period: string) {
	return sql`
		select ${period}::text as period, c.country, r.region as d_region, p.id
		from programs_program p
		cross join lateral unnest(case when p.country = 'REGIONAL' then p.countries else array[p.country] end) as c(country)
		left join lateral (
			select x from unnest(p.regions) x where x like c.country || '-%'
		) as r(region) on true
		where p.publication = 'published' and not p.demo and c.country in (${countries(request)})`;
}

const published: IndicatorDefinition = {
	name: 'programs.published',
	unit: 'items',
	kind: 'stock',
	dimensions: ['region'],
	compute(ctx, request) {
		return groupedIndicator(ctx, this, request, {
			source: (period) => programPlaces(request, period),
			value: sql`count(distinct s.id)`
		});
	}
};

const saved: IndicatorDefinition = {
	name: 'programs.saved',
	unit: 'people',
	kind: 'stock',
	// The region is the saved program's: nothing about where she lives is kept.
	dimensions: ['region'],
	compute(ctx, request) {
		return groupedIndicator(ctx, this, request, {
			source: (period) => sql`
				select pl.period, pl.country, pl.d_region, sp.user_id
				from (${programPlaces(request, period)}) pl
				join programs_saved sp on sp.program_id = pl.id`,
			value: sql`count(distinct s.user_id)`
		});
	}
};

const checks: IndicatorDefinition = {
	name: 'programs.eligibility_checks',
	// A check is one woman's act: small counts are suppressed like counts of people.
	unit: 'people',
	kind: 'flow',
	dimensions: [],
	compute(ctx, request) {
		const [from, to] = requestSpan(request);
		return groupedIndicator(ctx, this, request, {
			source: sql`
				select ${periodSql(request, sql`day`)} as period, country, count as n
				from programs_check_count
				where day >= ${from} and day < ${to} and country in (${countries(request)})`,
			value: sql`sum(s.n)`
		});
	}
};

export const programsIndicators: IndicatorDefinition[] = [published, saved, checks];
