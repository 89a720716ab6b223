import * as q from './queries';
import {
	hsdsId,
	hsdsOrganization,
	textIn,
	type HsdsOrganization,
	type HsdsService,
	type ServiceContext
} from '../../core';
import { countryName } from '#lib/i18n/format';

/**
 * The help directory as HSDS 3.0 services and organizations: published, confirmed entries only (the
 * same rule as the public directory), in the context's language. Nothing about who asked is read or
 * kept: the function reads the directory and nothing else.
 */
export async function hsdsDirectory(
	ctx: ServiceContext
): Promise<{ services: HsdsService[]; organizations: HsdsOrganization[] }> {
	const rows = (await q.publishedServices(ctx.db)).filter(
		(r) => r.state === 'published' && r.lastConfirmedOn !== null
	);
	const organizations = new Map<string, HsdsOrganization>();
	const services = rows.map((r): HsdsService => {
		const operator = textIn(r.operator, ctx.locale) || textIn(r.name, ctx.locale);
		const org = hsdsOrganization(operator, r.country, r.updatedAt);
		organizations.set(org.id, organizations.get(org.id) ?? org);
		const hours = textIn(r.hours, ctx.locale);
		const areas = r.regions?.length ? r.regions : [r.country];
		return {
			id: hsdsId(`care:${r.id}`),
			organization_id: org.id,
			name: textIn(r.name, ctx.locale),
			description: textIn(r.offers, ctx.locale) || textIn(r.note, ctx.locale) || null,
			url: null,
			status: 'active',
			eligibility_description: textIn(r.audience, ctx.locale) || null,
			fees_description: textIn(r.cost, ctx.locale) || null,
			application_process: null,
			assured_date: r.lastConfirmedOn,
			last_modified: r.updatedAt.toISOString(),
			phones: r.phones.map((number) => ({
				id: hsdsId(`care:${r.id}:phone:${number}`),
				number,
				type: 'voice' as const,
				description: null
			})),
			languages: (r.languages ?? []).map((code) => ({
				id: hsdsId(`care:${r.id}:language:${code}`),
				name: null,
				code,
				note: null
			})),
			service_areas: areas.map((code) => ({
				id: hsdsId(`care:${r.id}:area:${code}`),
				name: code.length === 2 ? countryName(ctx.locale, code) : code,
				description: code,
				extent_type: null,
				extent: null,
				attributes: []
			})),
			schedules: hours ? [{ id: hsdsId(`care:${r.id}:schedule`), description: hours }] : []
		};
	});
	return { services, organizations: [...organizations.values()] };
}
