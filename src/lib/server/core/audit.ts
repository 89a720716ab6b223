import { and, desc, eq } from 'drizzle-orm';
import { auditLog } from './schema';
import type { ServiceContext } from './context';

export interface AuditEntry {
	action: string;
	entity: string;
	entityId?: string | null;
	before?: unknown;
	after?: unknown;
}

/**
 * Writes an audit entry with the context's db, so it commits or rolls back with the change it
 * records. Callers must not put secrets in before/after (passwords and tokens never reach here).
 */
export async function writeAudit(ctx: ServiceContext, entry: AuditEntry): Promise<void> {
	await ctx.db.insert(auditLog).values({
		at: ctx.clock(),
		actorId: ctx.actor.userId,
		action: entry.action,
		entity: entry.entity,
		entityId: entry.entityId ?? null,
		before: entry.before ?? null,
		after: entry.after ?? null
	});
}

export async function auditTrail(ctx: ServiceContext, entity: string, entityId: string, limit = 100) {
	return ctx.db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
		.orderBy(desc(auditLog.id))
		.limit(limit);
}
