import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { DueForReview, ReviewItem } from '../../core';
import { program } from './schema';
import { canEdit } from './access';

/** A published program not reviewed for this many days is due for re-checking. */
export const REVIEW_AFTER_DAYS = 180;
const COUNTRIES = ['KG', 'KZ', 'TJ', 'UZ'] as const;

/**
 * Published programs unreviewed for 180 days (or never reviewed), those the actor may edit only
 * (organization staff and coordinators in their countries), the longest unreviewed first.
 */
export const programsDueForReview: DueForReview = async (ctx, options = {}) => {
	const mine = COUNTRIES.filter((country) => canEdit(ctx.actor, { country, countries: [] }));
	if (!mine.length) return [];
	const cutoff = new Date(ctx.clock().getTime() - REVIEW_AFTER_DAYS * 86400_000).toISOString().slice(0, 10);
	const list = sql.join(
		mine.map((c) => sql`${c}`),
		sql`, `
	);
	const rows = await ctx.db
		.select({
			slug: program.slug,
			title: program.title,
			country: program.country,
			countries: program.countries,
			reviewedOn: program.reviewedOn
		})
		.from(program)
		.where(
			and(
				eq(program.publication, 'published'),
				eq(program.demo, false),
				or(isNull(program.reviewedOn), lte(program.reviewedOn, cutoff)),
				sql`(${program.country} in (${list}) or (${program.country} = 'REGIONAL' and ${program.countries} <@ array[${list}]::text[]))`
			)
		)
		.orderBy(sql`${program.reviewedOn} asc nulls first`, asc(program.slug))
		.limit(options.limit ?? 200);
	return rows
		.filter((r) => canEdit(ctx.actor, r))
		.map((r): ReviewItem => ({
			module: 'programs',
			kind: 'program',
			id: r.slug,
			title: r.title,
			country: r.country,
			since: r.reviewedOn,
			reason: r.reviewedOn ? 'unreviewed_180_days' : 'never_reviewed',
			path: `/${ctx.locale}/programs/curate/${r.slug}`
		}));
};
