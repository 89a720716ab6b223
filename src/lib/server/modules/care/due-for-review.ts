import { and, asc, eq, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { hasRole, type DueForReview, type ReviewItem } from '../../core';
import { careService } from './schema';

const COUNTRIES = ['KG', 'KZ', 'TJ', 'UZ'] as const;

/**
 * Help entries not confirmed for six months (the same rule as the directory's `stale` flag: the
 * date six months on, clamped to the month's last day, has come), or never confirmed; retired
 * entries excluded. Only for care editors, in their countries.
 */
export const careDueForReview: DueForReview = async (ctx, options = {}) => {
	const mine = COUNTRIES.filter((country) => hasRole(ctx.actor, 'care_editor', { country }));
	if (!mine.length) return [];
	const today = ctx.clock().toISOString().slice(0, 10);
	const rows = await ctx.db
		.select({
			id: careService.id,
			name: careService.name,
			country: careService.country,
			lastConfirmedOn: careService.lastConfirmedOn
		})
		.from(careService)
		.where(
			and(
				ne(careService.state, 'retired'),
				// Demo entries are re-checked by nobody.
				eq(careService.demo, false),
				inArray(careService.country, mine),
				or(
					isNull(careService.lastConfirmedOn),
					lte(sql`(${careService.lastConfirmedOn} + interval '6 months')::date`, sql`${today}::date`)
				)
			)
		)
		.orderBy(sql`${careService.lastConfirmedOn} asc nulls first`, asc(careService.id))
		.limit(options.limit ?? 200);
	return rows.map((r): ReviewItem => ({
		module: 'care',
		kind: 'care_service',
		id: r.id,
		title: r.name,
		country: r.country,
		since: r.lastConfirmedOn,
		reason: r.lastConfirmedOn ? 'unconfirmed_6_months' : 'never_confirmed',
		path: `/${ctx.locale}/care-review/${r.id}`
	}));
};
