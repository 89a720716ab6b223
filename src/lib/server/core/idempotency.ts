import { and, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { idempotency } from './schema';
import type { ServiceContext } from './context';
import { withDb } from './context';

/** A fresh key for a form's hidden `_once` field. */
export function newIdempotencyKey(): string {
	return randomBytes(16).toString('base64url');
}

/**
 * Runs `fn` once per (scope, key): a double-submitted form (same hidden key) gets the first result
 * back instead of creating a second record. The key is claimed in the same transaction as the write,
 * so a crash leaves neither. Without a key, `fn` just runs in a transaction.
 */
export async function once<T>(
	ctx: ServiceContext,
	scope: string,
	key: string | null | undefined,
	fn: (ctx: ServiceContext) => Promise<T>
): Promise<T> {
	return ctx.db.transaction(async (tx) => {
		const txCtx = withDb(ctx, tx);
		if (!key) return fn(txCtx);
		const fullScope = `${scope}:${ctx.actor.userId ?? 'anon'}`;
		const claimed = await tx
			.insert(idempotency)
			.values({ scope: fullScope, key, createdAt: ctx.clock() })
			.onConflictDoNothing()
			.returning({ key: idempotency.key });
		if (claimed.length === 0) {
			const [row] = await tx
				.select({ result: idempotency.result })
				.from(idempotency)
				.where(and(eq(idempotency.scope, fullScope), eq(idempotency.key, key)));
			return row?.result as T;
		}
		const result = await fn(txCtx);
		await tx
			.update(idempotency)
			.set({ result: (result ?? null) as never })
			.where(and(eq(idempotency.scope, fullScope), eq(idempotency.key, key)));
		return result;
	});
}
