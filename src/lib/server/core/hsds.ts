import { createHash } from 'node:crypto';

/**
 * Open Referral HSDS 3.0 (https://docs.openreferral.org, schema/compiled/service.json): the shapes
 * Birge exports its help directory and programs in, and the rules a test checks them against. The
 * API follows the HSDS API's own endpoint names under /api/v1/hsds/. Texts are in one language per
 * request (`?lang=`; HSDS has no per-language fields); `last_modified` is Birge's (the date a record
 * last changed), `assured_date` the date a person or a dated source last confirmed it.
 */
export const HSDS_VERSION = '3.0';

export interface HsdsPhone {
	id: string;
	number: string;
	type: 'voice';
	description: string | null;
}
export interface HsdsLanguage {
	id: string;
	name: string | null;
	code: string;
	note: string | null;
}
export interface HsdsServiceArea {
	id: string;
	name: string;
	description: string | null;
	extent_type: null;
	extent: null;
	attributes: { id: string; taxonomy_term_id: string; label: string }[];
}
export interface HsdsSchedule {
	id: string;
	description: string;
}
export interface HsdsOrganization {
	id: string;
	name: string;
	description: string;
	website: string | null;
	last_modified: string;
}
export interface HsdsService {
	id: string;
	organization_id: string;
	name: string;
	description: string | null;
	url: string | null;
	status: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
	eligibility_description: string | null;
	fees_description: string | null;
	application_process: string | null;
	assured_date: string | null;
	last_modified: string;
	phones: HsdsPhone[];
	languages: HsdsLanguage[];
	service_areas: HsdsServiceArea[];
	schedules: HsdsSchedule[];
	organization?: HsdsOrganization;
}

/** A stable id (HSDS asks for unique ids; uuid-like from a Birge key, so exports agree across runs). */
export function hsdsId(key: string): string {
	const h = createHash('sha256').update(key).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The organization a service names (its operator or publisher), one per distinct name and country. */
export function hsdsOrganization(
	name: string,
	country: string,
	lastModified: Date,
	website: string | null = null
) {
	return {
		id: hsdsId(`organization:${country}:${name}`),
		name,
		description: name,
		website,
		last_modified: lastModified.toISOString()
	} satisfies HsdsOrganization;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The HSDS 3.0 field rules Birge's export must keep (service.json, organization.json, phone.json,
 * language.json, service_area.json, schedule.json): required fields, unique uuid ids, the status
 * enumeration, uri and date formats. Returns the problems found ([] when valid).
 */
export function hsdsProblems(data: { services: HsdsService[]; organizations: HsdsOrganization[] }): string[] {
	const problems: string[] = [];
	const ids = new Set<string>();
	const id = (where: string, value: unknown) => {
		if (typeof value !== 'string' || !UUID.test(value)) problems.push(`${where}: id is not a uuid`);
		else if (ids.has(value)) problems.push(`${where}: id ${value} is not unique`);
		else ids.add(value);
	};
	const text = (where: string, value: unknown) => {
		if (typeof value !== 'string' || !value.trim()) problems.push(`${where}: required text missing`);
	};
	const uri = (where: string, value: unknown) => {
		if (value === null || value === undefined) return;
		try {
			new URL(String(value));
		} catch {
			problems.push(`${where}: not a uri`);
		}
	};
	const orgIds = new Set(data.organizations.map((o) => o.id));
	for (const o of data.organizations) {
		id(`organization ${o.id}`, o.id);
		text(`organization ${o.id} name`, o.name);
		text(`organization ${o.id} description`, o.description);
		uri(`organization ${o.id} website`, o.website);
		if (Number.isNaN(Date.parse(o.last_modified))) problems.push(`organization ${o.id}: last_modified`);
	}
	for (const s of data.services) {
		const at = `service ${s.id}`;
		id(at, s.id);
		text(`${at} name`, s.name);
		if (!STATUSES.includes(s.status)) problems.push(`${at}: status ${s.status}`);
		if (!orgIds.has(s.organization_id)) problems.push(`${at}: organization_id names no organization`);
		uri(`${at} url`, s.url);
		if (s.assured_date !== null && !ISO_DATE.test(s.assured_date)) problems.push(`${at}: assured_date`);
		if (Number.isNaN(Date.parse(s.last_modified))) problems.push(`${at}: last_modified`);
		for (const p of s.phones) {
			id(`${at} phone`, p.id);
			text(`${at} phone number`, p.number);
		}
		for (const l of s.languages) {
			id(`${at} language`, l.id);
			if (!/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(l.code)) problems.push(`${at}: language code ${l.code}`);
		}
		for (const a of s.service_areas) {
			id(`${at} service_area`, a.id);
			text(`${at} service_area name`, a.name);
		}
		for (const sc of s.schedules) {
			id(`${at} schedule`, sc.id);
			text(`${at} schedule description`, sc.description);
		}
	}
	return problems;
}

const lang = {
	name: 'lang',
	in: 'query',
	required: false,
	description: 'Language of the texts (ky, kk, tg, uz, uz-Cyrl, ru, en); English by default',
	schema: { type: 'string' }
};
const paging = [
	{ name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
	{ name: 'per_page', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500 } }
];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const HSDS_SCHEMA = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/compiled';
const ok = (description: string, schema: Record<string, unknown>) => ({
	200: { description, content: { 'application/json': { schema } } }
});
const notFound = { 404: { description: 'No published, confirmed entry with this id' } };
const tags = ['hsds'];

/** The HSDS endpoints' part of /api/v1/openapi.json (registered by core's module definition). */
export const hsdsOpenApi = {
	paths: {
		'/hsds': {
			get: {
				tags,
				summary: 'HSDS API meta information: the HSDS version this feed follows',
				responses: ok('The feed', { type: 'object', properties: { version: { type: 'string' } } })
			}
		},
		'/hsds/services': {
			get: {
				tags,
				summary: 'Published help entries and programs as HSDS services (one-to-one fields), paged',
				parameters: [
					lang,
					...paging,
					{ name: 'organization_id', in: 'query', required: false, schema: { type: 'string' } }
				],
				responses: ok('A page of services', {
					type: 'object',
					properties: { contents: { type: 'array', items: { $ref: `${HSDS_SCHEMA}/service_list.json` } } }
				})
			}
		},
		'/hsds/services/{id}': {
			get: {
				tags,
				summary: 'One fully nested HSDS service (phones, languages, service areas, schedules, organization)',
				parameters: [idParam, lang],
				responses: { ...ok('The service', { $ref: `${HSDS_SCHEMA}/service.json` }), ...notFound }
			}
		},
		'/hsds/organizations': {
			get: {
				tags,
				summary: 'The organizations that provide the exported services, paged',
				parameters: [lang, ...paging],
				responses: ok('A page of organizations', {
					type: 'object',
					properties: {
						contents: { type: 'array', items: { $ref: `${HSDS_SCHEMA}/organization_list.json` } }
					}
				})
			}
		},
		'/hsds/organizations/{id}': {
			get: {
				tags,
				summary: 'One HSDS organization with its services',
				parameters: [idParam, lang],
				responses: { ...ok('The organization', { $ref: `${HSDS_SCHEMA}/organization.json` }), ...notFound }
			}
		},
		'/hsds/export': {
			get: {
				tags,
				summary:
					'The whole HSDS dataset (organizations and fully nested services) as one JSON file to download',
				parameters: [lang],
				responses: ok('The dataset', {
					type: 'object',
					properties: {
						hsds_version: { type: 'string' },
						organizations: { type: 'array' },
						services: { type: 'array' }
					}
				})
			}
		}
	}
};
