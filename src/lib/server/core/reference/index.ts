import { and, asc, eq, isNull } from 'drizzle-orm';
import { country, division } from '../schema';
import type { ServiceContext } from '../context';
import { textIn } from '../text';
export { referenceSeed } from './seed';

export interface Place {
	code: string;
	name: string;
	level: number;
	kind: string;
}

export async function listCountries(ctx: ServiceContext): Promise<Place[]> {
	const rows = await ctx.db.select().from(country).orderBy(asc(country.code));
	return rows.map((r) => ({ code: r.code, name: textIn(r.name, ctx.locale), level: 0, kind: 'country' }));
}

/** First-level divisions of a country, or the children of a division. */
export async function listDivisions(
	ctx: ServiceContext,
	countryCode: string,
	parentCode: string | null = null
): Promise<Place[]> {
	const rows = await ctx.db
		.select()
		.from(division)
		.where(
			and(
				eq(division.country, countryCode),
				parentCode ? eq(division.parentCode, parentCode) : isNull(division.parentCode)
			)
		);
	return rows
		.map((r) => ({ code: r.code, name: textIn(r.name, ctx.locale), level: r.level, kind: r.kind }))
		.sort((a, b) => a.name.localeCompare(b.name, ctx.locale));
}

export async function getDivision(ctx: ServiceContext, code: string): Promise<Place | null> {
	const [r] = await ctx.db.select().from(division).where(eq(division.code, code));
	return r ? { code: r.code, name: textIn(r.name, ctx.locale), level: r.level, kind: r.kind } : null;
}
