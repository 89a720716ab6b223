import type { PageServerLoad } from './$types';
import { isAppError, reference } from '#lib/server/core';
import { care } from '#lib/server/modules/care';
import { t } from '#lib/i18n/messages';

/** The choice of country and region lives in the URL only (GET form); nothing is stored. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const ctx = locals.ctx;
	const country = url.searchParams.get('country') || undefined;
	const rawRegion = url.searchParams.get('region') || undefined;
	// A region left over from another country (changing the country without JavaScript) is dropped.
	const region = country && rawRegion?.startsWith(`${country}-`) ? rawRegion : undefined;
	const countries = await reference.listCountries(ctx);
	try {
		const help = await care.countryHelp(ctx, { country, region });
		return {
			countries,
			country: help?.country ?? null,
			region: help?.region ?? null,
			regions: help ? await care.regionsOf(ctx, help.country) : [],
			help,
			error: null
		};
	} catch (error) {
		if (!isAppError(error)) throw error;
		return {
			countries,
			country: null,
			region: null,
			regions: [],
			help: null,
			error: t(locals.locale, 'error_invalid')
		};
	}
};
