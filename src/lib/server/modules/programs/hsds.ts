import { eq } from 'drizzle-orm';
import {
	hsdsId,
	hsdsOrganization,
	publicLink,
	textIn,
	type HsdsOrganization,
	type HsdsService,
	type ServiceContext
} from '../../core';
import { countryName } from '#lib/i18n/format';
import { allRows } from './queries';
import { program } from './schema';

/**
 * Published programs as HSDS 3.0 services (a support program is a service its operator provides), in
 * the context's language; drafts, programs in review and archived ones never leave.
 */
export async function hsdsPrograms(
	ctx: ServiceContext
): Promise<{ services: HsdsService[]; organizations: HsdsOrganization[] }> {
	const rows = await allRows(ctx, eq(program.publication, 'published'));
	const organizations = new Map<string, HsdsOrganization>();
	const services = rows.map((r): HsdsService => {
		const name = textIn(r.title, ctx.locale) || r.slug;
		const org = hsdsOrganization(r.operator || name, r.country, r.updatedAt);
		organizations.set(org.id, organizations.get(org.id) ?? org);
		const areas = r.regions.length ? r.regions : r.country === 'REGIONAL' ? r.countries : [r.country];
		const steps = r.howToApply.steps.map((s) => textIn(s, ctx.locale)).filter(Boolean);
		return {
			id: hsdsId(`programs:${r.slug}`),
			organization_id: org.id,
			name,
			description: textIn(r.summary, ctx.locale) || null,
			url: publicLink(r.officialUrl, ctx.platform.origin),
			status: r.status === 'closed' ? 'inactive' : 'active',
			eligibility_description: textIn(r.eligibilityText, ctx.locale) || null,
			fees_description: null,
			application_process: steps.length ? steps.join('\n') : null,
			assured_date: r.reviewedOn,
			last_modified: r.updatedAt.toISOString(),
			phones: [],
			languages: [],
			service_areas: areas.map((code) => ({
				id: hsdsId(`programs:${r.slug}:area:${code}`),
				name: code.length === 2 ? countryName(ctx.locale, code) : code,
				description: code,
				extent_type: null,
				extent: null,
				attributes: []
			})),
			schedules: []
		};
	});
	return { services, organizations: [...organizations.values()] };
}
