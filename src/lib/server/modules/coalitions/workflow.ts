import { ADOPTED_STATUSES, BARRIERS, STATUSES, type Barrier, type ItemKind, type Status } from './schema';

/**
 * The accountability workflow, as pure rules:
 * - an item moves forward along drafting → endorsed → submitted → under_consideration →
 *   partially_adopted → adopted → implemented, and may skip steps (a coalition often learns of an
 *   adoption late); staying on the same status records progress;
 * - declined is reachable once the item was submitted; a declined item may be reworked (drafting)
 *   or submitted again;
 * - any other move (backwards) is only possible as a correction of an earlier entry.
 */
const ORDER: Record<Status, number> = Object.fromEntries(STATUSES.map((s, i) => [s, i])) as Record<
	Status,
	number
>;

export function canMove(from: Status, to: Status): boolean {
	if (from === to) return true;
	if (from === 'declined') return to === 'drafting' || to === 'submitted';
	if (to === 'declined') return ORDER[from] >= ORDER.submitted;
	return ORDER[to] > ORDER[from];
}

/** Statuses that must be backed by evidence (a link or a document). */
export const NEEDS_EVIDENCE: readonly Status[] = ['partially_adopted', 'adopted', 'implemented', 'declined'];
/** Statuses that must name the legal instrument (for items that are decisions of government). */
export const NEEDS_INSTRUMENT: readonly Status[] = ['partially_adopted', 'adopted'];

export interface Countable {
	kind: ItemKind;
	barrier: Barrier;
	status: Status;
	aggregateTotal: number | null;
	aggregateAdopted: number | null;
	demo: boolean;
}

export interface Adoption {
	adopted: number;
	total: number;
}

/**
 * "N of M adopted or implemented". A recommendation counts 1 of 1 once adopted or implemented; an
 * aggregate outcome counts its own N of M; a coalition's own output is not a government decision
 * and is not counted; demo items are never counted.
 */
export function adoptionOf(items: readonly Countable[]): Adoption {
	let adopted = 0;
	let total = 0;
	for (const item of items) {
		if (item.demo || item.kind === 'coalition_output') continue;
		if (item.kind === 'aggregate') {
			total += item.aggregateTotal ?? 0;
			adopted += Math.min(item.aggregateAdopted ?? 0, item.aggregateTotal ?? 0);
		} else {
			total += 1;
			if (ADOPTED_STATUSES.includes(item.status)) adopted += 1;
		}
	}
	return { adopted, total };
}

export function adoptionByBarrier(
	items: readonly Countable[]
): { barrier: Barrier; adopted: number; total: number }[] {
	return BARRIERS.map((barrier) => ({
		barrier,
		...adoptionOf(items.filter((i) => i.barrier === barrier))
	})).filter((row) => row.total > 0);
}
