import { sql } from 'drizzle-orm';
import {
	groupedIndicator,
	periodSql,
	requestSpan,
	requestedCountries,
	type IndicatorDefinition
} from '../../core';

/**
 * What the shops module counts (core/indicators): active shops, listed products, order requests by
 * status; each by country and region (the shop's). Demo shops and products are never counted.
 */

const activeShops: IndicatorDefinition = {
	name: 'shops.active_shops',
	unit: 'items',
	kind: 'stock',
	dimensions: ['region'],
	compute(ctx, request) {
		return groupedIndicator(ctx, this, request, {
			// Active: not taken down, with at least one listed product.
			source: (period) => sql`
				select ${period}::text as period, s.country, s.region as d_region, s.id
				from shops_shop s
				where s.takedown is null and not s.demo and s.country in (${requestedCountries(request)})
					and exists (select 1 from shops_product p where p.shop_id = s.id and p.listed)`,
			value: sql`count(distinct s.id)`
		});
	}
};

const publishedProducts: IndicatorDefinition = {
	name: 'shops.published_products',
	unit: 'items',
	kind: 'stock',
	dimensions: ['region'],
	compute(ctx, request) {
		return groupedIndicator(ctx, this, request, {
			source: (period) => sql`
				select ${period}::text as period, p.country, p.region as d_region, p.id
				from shops_product p
				where p.listed and not p.demo and p.country in (${requestedCountries(request)})`,
			value: sql`count(distinct s.id)`
		});
	}
};

const requests: IndicatorDefinition = {
	name: 'shops.order_requests',
	unit: 'items',
	kind: 'flow',
	dimensions: ['region', 'status'],
	compute(ctx, request) {
		const [from, to] = requestSpan(request);
		return groupedIndicator(ctx, this, request, {
			// Requests sent in the period, by the status they have now.
			source: sql`
				select ${periodSql(request, sql`r.created_at`)} as period, s.country, s.region as d_region,
					r.status as d_status, r.id
				from shops_request r join shops_shop s on s.id = r.shop_id
				where not s.demo and r.created_at >= ${from} and r.created_at < ${to}
					and s.country in (${requestedCountries(request)})`,
			value: sql`count(distinct s.id)`
		});
	}
};

export const shopsIndicators: IndicatorDefinition[] = [activeShops, publishedProducts, requests];
