import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { AppError } from './errors';
import { rowsOf } from '../db';
import type { ServiceContext } from './context';

export interface Limit {
	/** Requests allowed per window. */
	max: number;
	windowSeconds: number;
}

/**
 * Counts one attempt against `bucket` for `subject` (an e-mail, a phone, a client key) and throws
 * RATE_LIMITED past the limit. Counters live in the database, so they hold across processes and
 * for server-side calls (form actions, bot, CLI) alike. Subjects are stored hashed.
 */
export async function consumeRateLimit(
	ctx: ServiceContext,
	bucket: string,
	subject: string,
	limit: Limit
): Promise<void> {
	if (!ctx.platform.rateLimits) return;
	const key = `${bucket}:${createHash('sha256').update(subject.toLowerCase()).digest('base64url').slice(0, 32)}`;
	const now = ctx.clock();
	const cutoff = new Date(now.getTime() - limit.windowSeconds * 1000);
	const rows = await ctx.db.execute(sql`
		insert into core_rate_limit (key, window_start, count) values (${key}, ${now.toISOString()}, 1)
		on conflict (key) do update set
			count = case when core_rate_limit.window_start <= ${cutoff.toISOString()} then 1 else core_rate_limit.count + 1 end,
			window_start = case when core_rate_limit.window_start <= ${cutoff.toISOString()} then ${now.toISOString()}::timestamptz else core_rate_limit.window_start end
		returning count, window_start`);
	const [row] = rowsOf<{ count: number; window_start: string | Date }>(rows);
	if (row && Number(row.count) > limit.max) {
		const started = new Date(row.window_start).getTime();
		const retry = Math.max(1, Math.ceil((started + limit.windowSeconds * 1000 - now.getTime()) / 1000));
		throw new AppError('RATE_LIMITED', { retryAfterSeconds: retry, params: { count: retry } });
	}
}

/** Removes expired counters (run from the periodic job). */
export async function pruneRateLimits(ctx: ServiceContext, olderThanSeconds = 86400) {
	const cutoff = new Date(ctx.clock().getTime() - olderThanSeconds * 1000);
	await ctx.db.execute(sql`delete from core_rate_limit where window_start < ${cutoff.toISOString()}`);
}

function keyOf(bucket: string, subject: string): string {
	return `${bucket}:${createHash('sha256').update(subject.toLowerCase()).digest('base64url').slice(0, 32)}`;
}

/**
 * Counts one event (a failed sign-in) against `bucket` for `subject` without refusing anything;
 * returns the count in the current window. 0 while limits are off.
 */
export async function countAttempt(
	ctx: ServiceContext,
	bucket: string,
	subject: string,
	windowSeconds: number
): Promise<number> {
	if (!ctx.platform.rateLimits) return 0;
	const key = keyOf(bucket, subject);
	const now = ctx.clock();
	const cutoff = new Date(now.getTime() - windowSeconds * 1000);
	const rows = await ctx.db.execute(sql`
		insert into core_rate_limit (key, window_start, count) values (${key}, ${now.toISOString()}, 1)
		on conflict (key) do update set
			count = case when core_rate_limit.window_start <= ${cutoff.toISOString()} then 1 else core_rate_limit.count + 1 end,
			window_start = case when core_rate_limit.window_start <= ${cutoff.toISOString()} then ${now.toISOString()}::timestamptz else core_rate_limit.window_start end
		returning count`);
	const [row] = rowsOf<{ count: number }>(rows);
	return Number(row?.count ?? 0);
}

/** The count of `bucket` for `subject` in the current window, without counting. 0 while limits are off. */
export async function attemptsIn(
	ctx: ServiceContext,
	bucket: string,
	subject: string,
	windowSeconds: number
): Promise<number> {
	if (!ctx.platform.rateLimits) return 0;
	const cutoff = new Date(ctx.clock().getTime() - windowSeconds * 1000);
	const rows = await ctx.db.execute(sql`
		select count from core_rate_limit where key = ${keyOf(bucket, subject)} and window_start > ${cutoff.toISOString()}`);
	const [row] = rowsOf<{ count: number }>(rows);
	return Number(row?.count ?? 0);
}

/** Forgets the count of `bucket` for `subject` (after a successful sign-in). */
export async function clearAttempts(ctx: ServiceContext, bucket: string, subject: string): Promise<void> {
	await ctx.db.execute(sql`delete from core_rate_limit where key = ${keyOf(bucket, subject)}`);
}
