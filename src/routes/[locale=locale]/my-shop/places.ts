import { reference, type ServiceContext } from '#lib/server/core';
import { SHOP_COUNTRIES } from '#lib/server/modules/shops';

/** The shop form's places: every region by country; districts and villages (SOATE) of what is chosen. */
export async function placeOptions(ctx: ServiceContext, region: string | null, district: string | null) {
	const regions = [];
	for (const country of SHOP_COUNTRIES)
		regions.push({ country, items: await reference.listDivisions(ctx, country) });
	const districts = region?.startsWith('KG-') ? await reference.listDivisions(ctx, 'KG', region) : [];
	let villages: { code: string; name: string }[] = [];
	if (district && districts.some((d) => d.code === district)) {
		const under = await reference.listDivisions(ctx, 'KG', district);
		for (const a of under) {
			if (a.level === 3) {
				const inside = await reference.listDivisions(ctx, 'KG', a.code);
				villages.push(
					...(inside.length ? inside.map((v) => ({ code: v.code, name: `${v.name} (${a.name})` })) : [a])
				);
			} else villages.push(a);
		}
		villages = villages.sort((a, b) => a.name.localeCompare(b.name, ctx.locale));
	}
	return { regions, districts, villages };
}
