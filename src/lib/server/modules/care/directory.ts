import type { z } from 'zod';
import * as q from './queries';
import { CARE_KINDS } from './schema';
import { findInput } from './inputs';
import { rightsFor } from './rights';
import { toServiceView, type CountryHelp, type ServiceView } from './views';
import { AppError, parseInput, reference, type ServiceContext, type Unparsed } from '../../core';
import { COUNTRIES } from '#lib/i18n/format';

/**
 * The public directory of help. Only published entries leave this file: state `published`, which
 * the database allows only with a recorded confirmation. Entries in review or retired never do.
 */

const KIND_ORDER = new Map(CARE_KINDS.map((k, i) => [k, i]));
const byKindThenName = (a: ServiceView, b: ServiceView) =>
	(KIND_ORDER.get(a.kind) ?? 99) - (KIND_ORDER.get(b.kind) ?? 99) || a.name.text.localeCompare(b.name.text);

/**
 * Where an official source publishes a number: government sites of the four countries, the national
 * legislation databases and the state news agencies (the data names Khovar as such).
 */
const OFFICIAL_HOSTS =
	/(^|\.)(gov\.(kg|kz|tj|uz)|gov\.uz|egov\.kz|adilet\.zan\.kz|cbd\.minjust\.gov\.kg|lex\.uz|khovar\.tj|kabar\.kg)$/;

export function isOfficialSource(url: string | null): boolean {
	if (!url) return false;
	try {
		return OFFICIAL_HOSTS.test(new URL(url).hostname.toLowerCase());
	} catch {
		return false;
	}
}

/**
 * The display rule for the "may have changed" warning (issue 19): a police or emergency number of
 * confidence A with an official source is a national short number, not a service that moves; it shows
 * its last confirmation date instead. Hotlines and services run by organisations keep the six-month
 * rule and its warning.
 */
export function isOfficialNumber(
	s: Pick<ServiceView, 'kind' | 'confidence' | 'sources' | 'phones'>
): boolean {
	return (
		(s.kind === 'police' || s.kind === 'emergency') &&
		s.confidence === 'A' &&
		s.phones.length > 0 &&
		s.sources.some((src) => isOfficialSource(src.url))
	);
}

/** Public: published services, filtered by country, region (or whole country) and kind. */
export async function findServices(
	ctx: ServiceContext,
	input: Unparsed<z.input<typeof findInput>> = {}
): Promise<ServiceView[]> {
	const data = parseInput(findInput, input);
	if (data.region) {
		const division = await reference.getDivision(ctx, data.region);
		if (!division || (data.country && !data.region.startsWith(`${data.country}-`)))
			throw new AppError('INVALID', { fields: { region: { key: 'error_field_choice' } } });
	}
	const rows = await q.publishedServices(ctx.db, data.country ?? data.region?.slice(0, 2));
	return rows
		.filter((r) => r.state === 'published' && r.lastConfirmedOn !== null)
		.filter((r) => !data.region || r.regions === null || r.regions.includes(data.region))
		.filter((r) => !data.kind || r.kind === data.kind)
		.map((r) => toServiceView(ctx, r))
		.map((v) => (v.stale && isOfficialNumber(v) ? { ...v, stale: false } : v))
		.sort(byKindThenName);
}

/** Public: what the /care page shows for a country (and region); null until a country is chosen. */
export async function countryHelp(
	ctx: ServiceContext,
	input: Unparsed<z.input<typeof findInput>>
): Promise<CountryHelp | null> {
	const data = parseInput(findInput, input);
	if (!data.country) return null;
	const services = await findServices(ctx, { country: data.country, region: data.region });
	const urgent = (s: ServiceView) => (s.kind === 'emergency' || s.kind === 'police') && s.phones.length > 0;
	return {
		country: data.country,
		region: data.region ?? null,
		emergency: services.filter(urgent),
		others: services.filter((s) => !urgent(s)),
		hasConfirmedPhone: services.some((s) => s.phones.length > 0),
		rights: rightsFor(data.country)
	};
}

/** First-level divisions of a country, for the region choice. */
export async function regionsOf(ctx: ServiceContext, country: string) {
	if (!(COUNTRIES as readonly string[]).includes(country)) return [];
	return reference.listDivisions(ctx, country);
}
