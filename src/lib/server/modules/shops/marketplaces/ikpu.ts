import type { Problem } from './card';
import { UZUM } from './rules';
import { Problems } from './validate-common';

/**
 * IKPU (MXIK), Uzbekistan's product classification code, as the research notes document it: 17
 * characters (the `SPIC` of a fiscal receipt line); *base* codes end in "000000" and identify a group,
 * *identification* codes encode brand and properties. Since 1 Jan 2023 goods not subject to mandatory
 * marking take their group's base code. Birge checks the form only: whether a code exists is for
 * tasnif.soliq.uz (five search methods there), which Birge cannot query offline.
 */
/** The state classifier where a code is looked up. */
export const IKPU_SITE = 'tasnif.soliq.uz';

export type IkpuKind = 'base' | 'identification';

export function ikpuKind(code: string): IkpuKind | null {
	const digits = code.replace(/\s/g, '');
	if (digits.length !== UZUM.ikpuLength || !/^\d+$/.test(digits)) return null;
	return digits.endsWith('000000') ? 'base' : 'identification';
}

export function checkIkpu(code: string | undefined, field = 'productCode'): Problem[] {
	const out = new Problems();
	const digits = (code ?? '').replace(/\s/g, '');
	if (!digits) out.error(field, 'required');
	else if (!/^\d+$/.test(digits)) out.error(field, 'ikpu_not_digits');
	else if (digits.length !== UZUM.ikpuLength)
		out.error(field, 'ikpu_length', { length: digits.length, expected: UZUM.ikpuLength });
	else if (ikpuKind(digits) === 'identification') out.warn(field, 'ikpu_base_code', { site: IKPU_SITE });
	return out.list;
}
