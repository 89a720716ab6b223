import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { DueForReview, ReviewItem } from '../../core';
import { CONTEXT_KINDS, program } from './schema';
import { canEdit } from './access';

/** A published program not reviewed for this many days is due for re-checking. */
export const REVIEW_AFTER_DAYS = 180;
const COUNTRIES = ['KG', 'KZ', 'TJ', 'UZ'] as const;

/**
 * Published programs unreviewed for 180 days (or never reviewed), the longest unreviewed first; then
 * programs one can apply for whose operator contacts (`missing_contacts`) or application dates
 * (`missing_dates`) no source has given yet (issue 19). Only those the actor may edit (organization
 * staff and coordinators in their countries).
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
	const incomplete = await ctx.db
		.select({
			slug: program.slug,
			title: program.title,
			country: program.country,
			countries: program.countries,
			reviewedOn: program.reviewedOn,
			kinds: program.kinds,
			status: program.status,
			contacts: program.contacts,
			officialUrl: program.officialUrl,
			deadlines: program.deadlines
		})
		.from(program)
		.where(
			and(
				eq(program.publication, 'published'),
				eq(program.demo, false),
				sql`${program.status} <> 'closed'`,
				sql`(${program.country} in (${list}) or (${program.country} = 'REGIONAL' and ${program.countries} <@ array[${list}]::text[]))`
			)
		)
		.orderBy(asc(program.slug))
		.limit(options.limit ?? 200);
	const missing: ReviewItem[] = [];
	for (const r of incomplete) {
		if (r.kinds.every((k) => CONTEXT_KINDS.includes(k)) || !canEdit(ctx.actor, r)) continue;
		const item = (reason: string): ReviewItem => ({
			module: 'programs',
			kind: 'program',
			id: r.slug,
			title: r.title,
			country: r.country,
			since: r.reviewedOn,
			reason,
			path: `/${ctx.locale}/programs/curate/${r.slug}`
		});
		if (!r.contacts.phone && !r.contacts.address && !r.officialUrl) missing.push(item('missing_contacts'));
		if (!r.deadlines.rolling && r.deadlines.dates.length === 0) missing.push(item('missing_dates'));
	}
	const due = rows
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
	return [...due, ...missing].slice(0, options.limit ?? 400);
};
