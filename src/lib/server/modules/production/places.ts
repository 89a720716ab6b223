import { AppError, reference, type ServiceContext } from '../../core';
import { requireCoordinator } from './access';
import type { Network } from './schema';

/**
 * Where a maker lives, from the same place reference as shops and programs: the first-level region of
 * the network's country (ISO 3166-2) and, in Kyrgyzstan, the district from SOATE; the village is her own
 * words (a profile kept from a phone call names it as she says it). Indicators count by the region.
 */

export interface MakerPlaces {
	regions: reference.Place[];
	/** Kyrgyzstan only: the SOATE districts of each region. */
	districts: { region: string; name: string; items: reference.Place[] }[];
}

async function placesOf(ctx: ServiceContext, country: string): Promise<MakerPlaces> {
	const regions = await reference.listDivisions(ctx, country);
	const districts = [];
	if (country === 'KG')
		for (const r of regions)
			districts.push({
				region: r.code,
				name: r.name,
				items: (await reference.listDivisions(ctx, 'KG', r.code)).filter((d) => d.level === 2)
			});
	return { regions, districts };
}

/** The choices of the maker form's place fields, for a network's coordinator. */
export async function makerPlaces(ctx: ServiceContext, networkId: string): Promise<MakerPlaces> {
	const net = await requireCoordinator(ctx, networkId);
	return placesOf(ctx, net.country);
}

/**
 * Checks a maker's region (a first-level division of the network's country) and district (a SOATE
 * district of that region, Kyrgyzstan only); a district alone gives its region. INVALID with a field
 * message otherwise.
 */
export async function checkMakerPlace(
	ctx: ServiceContext,
	net: Pick<Network, 'country'>,
	input: { regionCode: string | null; districtCode?: string | null }
): Promise<{ regionCode: string | null; districtCode: string | null }> {
	let regionCode = input.regionCode;
	const districtCode = input.districtCode ?? null;
	if (districtCode) {
		let owner: string | null = null;
		if (net.country === 'KG') {
			const candidates = regionCode
				? [regionCode]
				: (await reference.listDivisions(ctx, 'KG')).map((r) => r.code);
			for (const r of candidates)
				if (
					(await reference.listDivisions(ctx, 'KG', r)).some((d) => d.code === districtCode && d.level === 2)
				) {
					owner = r;
					break;
				}
		}
		if (!owner)
			throw new AppError('INVALID', { fields: { districtCode: { key: 'production_error_place' } } });
		regionCode = owner;
	}
	if (regionCode) {
		const region = await reference.getDivision(ctx, regionCode);
		if (!region || region.level !== 1 || !regionCode.startsWith(`${net.country}-`))
			throw new AppError('INVALID', { fields: { regionCode: { key: 'production_error_place' } } });
	}
	return { regionCode, districtCode };
}

/** Names of the regions and districts of a list of makers, in the reader's language. */
export async function placeNames(ctx: ServiceContext, codes: (string | null)[]) {
	const names = new Map<string, string>();
	for (const code of new Set(codes.filter((c): c is string => !!c))) {
		const d = await reference.getDivision(ctx, code);
		if (d) names.set(code, d.name);
	}
	return names;
}
