/**
 * Small-count suppression, the one helper every module's indicators use before a count of people
 * leaves the module. A count below the threshold (5) is suppressed (primary); then, in every margin
 * (a group of cells whose total is published or derivable, e.g. the regions of one country together
 * with the country's total), a lone suppressed cell could be recovered by subtraction, so the next
 * smallest cell of that group is suppressed too (complementary), repeated until no group has exactly
 * one suppressed cell. Zero stays visible: an empty group returns no row at all, so a zero tells
 * nothing an absent row would not.
 */

export const SUPPRESS_BELOW = 5;

export interface Cell {
	status: 'value' | 'suppressed' | 'not_available';
	value: number | null;
}

/**
 * Returns copies of `cells` with small counts and their complements suppressed (value null).
 * `groups` gives the keys of every group (margin) a cell belongs to: a total belongs to the group of
 * each breakdown that adds up to it.
 */
export function suppressSmallCounts<T extends Cell>(
	cells: readonly T[],
	groups: (cell: T) => readonly string[],
	threshold = SUPPRESS_BELOW
): T[] {
	const out = cells.map((c) => ({ ...c }));
	const hidden = out.map(
		(c) =>
			c.status === 'suppressed' ||
			(c.status === 'value' && c.value !== null && c.value > 0 && c.value < threshold)
	);
	const byKey = new Map<string, number[]>();
	out.forEach((c, i) => {
		if (c.status === 'not_available') return;
		for (const key of groups(c)) {
			const list = byKey.get(key) ?? [];
			list.push(i);
			byKey.set(key, list);
		}
	});
	for (let changed = true; changed;) {
		changed = false;
		for (const members of byKey.values()) {
			if (members.filter((i) => hidden[i]).length !== 1) continue;
			const candidates = members
				.filter((i) => !hidden[i])
				.sort((a, b) => {
					const va = out[a].value ?? 0;
					const vb = out[b].value ?? 0;
					// The smallest non-zero cell protects best; a zero only when nothing else is left.
					return (va === 0 ? 1 : 0) - (vb === 0 ? 1 : 0) || va - vb || a - b;
				});
			if (!candidates.length) continue;
			hidden[candidates[0]] = true;
			changed = true;
		}
	}
	return out.map((c, i) => (hidden[i] ? { ...c, status: 'suppressed' as const, value: null } : c));
}
