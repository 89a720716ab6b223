import { sql } from 'drizzle-orm';
import {
	groupedIndicator,
	periodSql,
	requestSpan,
	requestedCountries,
	type IndicatorDefinition
} from '../../core';

/**
 * What the production module counts: makers active, pieces accepted, earnings paid (minor units of the
 * country's currency), orders completed; by country and region, and by sex or disability only from
 * answers given with consent (a maker who did not consent counts under "not stated", null). Counts of
 * people under 5 are suppressed by core. Demo networks are never counted.
 */

const consented = sql`case when m.stats_consent then m.sex end`;
const consentedDisability = sql`case when m.stats_consent and m.disability is not null then (case when m.disability then 'yes' else 'no' end) end`;
const DIMS = ['region', 'sex', 'disability'] as const;

const makersActive: IndicatorDefinition = {
	name: 'production.makers_active',
	unit: 'people',
	kind: 'stock',
	dimensions: DIMS,
	compute(ctx, request) {
		return groupedIndicator(ctx, this, request, {
			source: (period) => sql`
				select ${period}::text as period, n.country, m.region_code as d_region, ${consented} as d_sex,
					${consentedDisability} as d_disability, m.id
				from production_maker m join production_network n on n.id = m.network_id
				where m.status = 'active' and not n.demo and not m.demo and n.country in (${requestedCountries(request)})`,
			value: sql`count(distinct s.id)`
		});
	}
};

function ledgerFlow(
	name: string,
	kind: 'earning' | 'payout',
	value: ReturnType<typeof sql>
): IndicatorDefinition {
	return {
		name,
		unit: 'items',
		kind: 'flow',
		dimensions: DIMS,
		compute(ctx, request) {
			const [from, to] = requestSpan(request);
			return groupedIndicator(ctx, this, request, {
				source: sql`
					select ${periodSql(request, sql`e.at`)} as period, n.country, m.region_code as d_region,
						${consented} as d_sex, ${consentedDisability} as d_disability, e.pieces, e.amount_minor
					from production_ledger_entry e
					join production_maker m on m.id = e.maker_id
					join production_network n on n.id = e.network_id
					where e.kind = ${kind} and not n.demo and e.at >= ${from}::date and e.at < ${to}::date
						and n.country in (${requestedCountries(request)})`,
				value
			});
		}
	};
}

const piecesAccepted = ledgerFlow('production.pieces_accepted', 'earning', sql`coalesce(sum(s.pieces), 0)`);
/** In minor units of the country's currency (one currency per country). */
const earningsPaid = ledgerFlow(
	'production.earnings_paid_minor',
	'payout',
	sql`coalesce(-sum(s.amount_minor), 0)`
);

const ordersCompleted: IndicatorDefinition = {
	name: 'production.orders_completed',
	unit: 'items',
	kind: 'flow',
	dimensions: ['region'],
	compute(ctx, request) {
		const [from, to] = requestSpan(request);
		return groupedIndicator(ctx, this, request, {
			source: sql`
				select ${periodSql(request, sql`o.completed_at`)} as period, n.country, n.region_code as d_region, o.id
				from production_order o join production_network n on n.id = o.network_id
				where o.status = 'completed' and not n.demo and o.completed_at >= ${from}::date
					and o.completed_at < ${to}::date and n.country in (${requestedCountries(request)})`,
			value: sql`count(distinct s.id)`
		});
	}
};

export const productionIndicators: IndicatorDefinition[] = [
	makersActive,
	piecesAccepted,
	earningsPaid,
	ordersCompleted
];
