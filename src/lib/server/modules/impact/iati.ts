/**
 * IATI 2.03 activity file writer (issue 16, item 6): one `iati-activity` with its reporting organisation,
 * identifier, title, description, participating organisations, status, dates, recipient countries and
 * results (indicators, baselines, periods, targets and actuals with their `dimension` elements — one
 * target or actual per disaggregated value). Pure: the caller passes the configuration and the clock.
 *
 * Element order and required elements/attributes follow the IATI 2.03 schema as published in
 * github.com/IATI/IATI-Schemas, branch `version-2.03`, files iati-activities-schema.xsd ("Release 2.03,
 * 2018-02-19") and iati-common.xsd: the `xsd:sequence` of iati-activity (iati-identifier, reporting-org,
 * title, description+, participating-org+, other-identifier*, activity-status, activity-date+, contact-info*,
 * activity-scope?, recipient-country*, …, result*, …), of result (title, description?, document-link*,
 * reference*, indicator+), indicator (title, description?, document-link*, reference*, baseline*,
 * period*), baseline (location*, dimension*, document-link*, comment?; @year required, @iso-date and
 * @value optional), period (period-start, period-end, target*, actual*) and target/actual (location*,
 * dimension*, comment?, document-link*). Codes: ActivityStatus, ActivityDateType, OrganisationRole,
 * OrganisationType, ResultType, IndicatorMeasure are IATI codelists (values are passed through as codes).
 *
 * Text is escaped exactly once, at serialization; characters XML 1.0 cannot carry are refused.
 */
import { LOCALES, type Locale } from '#lib/i18n/locales';

export type Localized = Partial<Record<Locale, string>>;

export interface IatiConfig {
	/** The reporting organisation's IATI organisation identifier (e.g. "KG-INN-01234567890123"), from
	 * configuration; the export refuses to run without it. */
	reportingOrgRef: string | null | undefined;
	/** OrganisationType code, e.g. "22" (national NGO), "21" (international NGO). */
	reportingOrgType: string;
	reportingOrgName: Localized;
}

export interface IatiDimension {
	name: string;
	value: string;
}

export interface IatiValue {
	/** Omitted: the element carries no @value (allowed by the schema, e.g. a qualitative indicator). */
	value?: number;
	dimensions?: IatiDimension[];
	comment?: Localized;
}

export interface IatiBaseline extends IatiValue {
	year: number;
	/** YYYY-MM-DD */
	isoDate?: string;
}

export interface IatiPeriod {
	/** YYYY-MM-DD */
	start: string;
	/** YYYY-MM-DD */
	end: string;
	targets?: IatiValue[];
	actuals?: IatiValue[];
}

export interface IatiIndicator {
	/** IndicatorMeasure code: 1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative. */
	measure: '1' | '2' | '3' | '4' | '5';
	ascending?: boolean;
	title: Localized;
	description?: Localized;
	baselines?: IatiBaseline[];
	periods?: IatiPeriod[];
}

export interface IatiResult {
	/** ResultType code: 1 output, 2 outcome, 3 impact, 9 other. */
	type: '1' | '2' | '3' | '9';
	aggregationStatus?: boolean;
	title: Localized;
	description?: Localized;
	indicators: IatiIndicator[];
}

export interface IatiParticipatingOrg {
	/** OrganisationRole code: 1 funding, 2 accountable, 3 extending, 4 implementing. */
	role: '1' | '2' | '3' | '4';
	ref?: string;
	type?: string;
	name: Localized;
}

export interface IatiActivity {
	/** The organisation's own activity id; the iati-identifier is `<reporting-org ref>-<localId>`. */
	localId: string;
	/** xml:lang of the activity (default language of its narratives). */
	defaultLanguage: Locale;
	lastUpdated?: Date;
	title: Localized;
	description: Localized;
	participatingOrgs: IatiParticipatingOrg[];
	/** ActivityStatus code: 1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5 cancelled, 6 suspended. */
	status: '1' | '2' | '3' | '4' | '5' | '6';
	/** ActivityDateType code: 1 planned start, 2 actual start, 3 planned end, 4 actual end. */
	dates: { type: '1' | '2' | '3' | '4'; isoDate: string }[];
	/** ISO 3166-1 alpha-2 codes with the share of the activity (percentages must be given for two or more). */
	recipientCountries?: { code: string; percentage?: number }[];
	results?: IatiResult[];
}

export type IatiErrorCode =
	| 'REPORTING_ORG_MISSING'
	| 'INVALID_IDENTIFIER'
	| 'NARRATIVE_REQUIRED'
	| 'ELEMENT_REQUIRED'
	| 'INVALID_DATE'
	| 'INVALID_YEAR'
	| 'INVALID_NUMBER'
	| 'INVALID_CODE'
	| 'PERIOD_ORDER'
	| 'PERCENTAGE_REQUIRED'
	| 'INVALID_CHARACTER';

export interface IatiError {
	/** Where, as a path into the input, e.g. "results[0].indicators[1].periods[0].end". */
	path: string;
	code: IatiErrorCode;
}

export type IatiWriteResult = { ok: true; xml: string } | { ok: false; errors: IatiError[] };

export interface IatiWriteOptions {
	/** iati-activities/@generated-datetime. */
	generatedAt: Date;
}

// ---------------------------------------------------------------------------------------------------
// A minimal element tree and its serializer

interface XmlElement {
	name: string;
	attrs: [string, string | undefined][];
	children: (XmlElement | string)[];
}

function el(
	name: string,
	attrs: Record<string, string | undefined> = {},
	children: (XmlElement | string | null | undefined | false)[] = []
): XmlElement {
	return {
		name,
		attrs: Object.entries(attrs),
		children: children.filter((c): c is XmlElement | string => c !== null && c !== undefined && c !== false)
	};
}

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
const NOT_XML_CHAR =
	// eslint-disable-next-line no-control-regex -- matching the control characters XML 1.0 forbids is the point
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function escapeText(s: string) {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string) {
	return escapeText(s)
		.replace(/"/g, '&quot;')
		.replace(/\t/g, '&#9;')
		.replace(/\n/g, '&#10;')
		.replace(/\r/g, '&#13;');
}

function serialize(node: XmlElement, depth: number, out: string[]) {
	const pad = '  '.repeat(depth);
	const attrs = node.attrs
		.filter((a): a is [string, string] => a[1] !== undefined)
		.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
		.join('');
	if (node.children.length === 0) {
		out.push(`${pad}<${node.name}${attrs}/>`);
	} else if (node.children.every((c) => typeof c === 'string')) {
		out.push(
			`${pad}<${node.name}${attrs}>${node.children.map((c) => escapeText(c as string)).join('')}</${node.name}>`
		);
	} else {
		out.push(`${pad}<${node.name}${attrs}>`);
		for (const c of node.children) {
			if (typeof c === 'string') out.push(pad + '  ' + escapeText(c));
			else serialize(c, depth + 1, out);
		}
		out.push(`${pad}</${node.name}>`);
	}
}

// ---------------------------------------------------------------------------------------------------
// Validation and building

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(s: string | undefined): s is string {
	if (!s) return false;
	const m = ISO_DATE.exec(s);
	if (!m) return false;
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return d.toISOString().slice(0, 10) === s;
}

/** An xsd:dateTime in UTC without milliseconds. */
function dateTime(d: Date) {
	return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A decimal without exponent notation (IATI values are xsd:decimal in the rulesets). */
function decimal(n: number): string {
	if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
	const s = String(n);
	if (!/e/i.test(s)) return s;
	return n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

export function writeIatiActivity(
	config: IatiConfig,
	activity: IatiActivity,
	options: IatiWriteOptions
): IatiWriteResult {
	const ref = config.reportingOrgRef?.trim();
	if (!ref) return { ok: false, errors: [{ path: 'config.reportingOrgRef', code: 'REPORTING_ORG_MISSING' }] };

	const errors: IatiError[] = [];
	const fail = (path: string, code: IatiErrorCode) => errors.push({ path, code });

	const narratives = (path: string, text: Localized | undefined, required: boolean): XmlElement[] => {
		const out: XmlElement[] = [];
		for (const locale of LOCALES) {
			const t = text?.[locale]?.trim();
			if (t) out.push(el('narrative', { 'xml:lang': locale }, [t]));
		}
		if (required && out.length === 0) fail(path, 'NARRATIVE_REQUIRED');
		return out;
	};
	const date = (path: string, s: string | undefined) => {
		if (!isIsoDate(s)) fail(path, 'INVALID_DATE');
		return s;
	};
	const num = (path: string, n: number | undefined) => {
		if (n === undefined) return undefined;
		if (!Number.isFinite(n)) {
			fail(path, 'INVALID_NUMBER');
			return undefined;
		}
		return decimal(n);
	};
	const dimensions = (path: string, dims: IatiDimension[] | undefined) =>
		(dims ?? []).map((d, i) => {
			if (!d.name?.trim() || !d.value?.trim()) fail(`${path}.dimensions[${i}]`, 'ELEMENT_REQUIRED');
			return el('dimension', { name: d.name, value: d.value });
		});
	const comment = (path: string, c: Localized | undefined) => {
		const n = narratives(`${path}.comment`, c, false);
		return n.length > 0 ? el('comment', {}, n) : null;
	};
	const measured = (tag: 'target' | 'actual', path: string, v: IatiValue) =>
		el('target' === tag ? 'target' : 'actual', { value: num(`${path}.value`, v.value) }, [
			// location* (not written), dimension*, comment?, document-link* (not written)
			...dimensions(path, v.dimensions),
			comment(path, v.comment)
		]);

	if (!/^\S+$/.test(activity.localId ?? '')) fail('localId', 'INVALID_IDENTIFIER');
	const identifier = `${ref}-${activity.localId}`;

	if (!config.reportingOrgType?.trim()) fail('config.reportingOrgType', 'ELEMENT_REQUIRED');
	const reportingOrg = el(
		'reporting-org',
		{ ref, type: config.reportingOrgType },
		narratives('config.reportingOrgName', config.reportingOrgName, true)
	);

	const title = el('title', {}, narratives('title', activity.title, true));
	const description = el('description', { type: '1' }, narratives('description', activity.description, true));

	if (activity.participatingOrgs.length === 0) fail('participatingOrgs', 'ELEMENT_REQUIRED');
	const participating = activity.participatingOrgs.map((o, i) => {
		const path = `participatingOrgs[${i}]`;
		const names = narratives(`${path}.name`, o.name, !o.ref);
		return el('participating-org', { ref: o.ref, type: o.type, role: o.role }, names);
	});

	if (!/^[1-6]$/.test(activity.status)) fail('status', 'INVALID_CODE');
	const status = el('activity-status', { code: activity.status });

	if (activity.dates.length === 0) fail('dates', 'ELEMENT_REQUIRED');
	const dates = activity.dates.map((d, i) => {
		if (!/^[1-4]$/.test(d.type)) fail(`dates[${i}].type`, 'INVALID_CODE');
		return el('activity-date', { type: d.type, 'iso-date': date(`dates[${i}].isoDate`, d.isoDate) });
	});

	const countries = activity.recipientCountries ?? [];
	const recipient = countries.map((c, i) => {
		if (!/^[A-Z]{2}$/.test(c.code)) fail(`recipientCountries[${i}].code`, 'INVALID_CODE');
		if (countries.length > 1 && c.percentage === undefined)
			fail(`recipientCountries[${i}].percentage`, 'PERCENTAGE_REQUIRED');
		return el('recipient-country', {
			code: c.code,
			percentage: num(`recipientCountries[${i}].percentage`, c.percentage)
		});
	});

	const results = (activity.results ?? []).map((r, ri) => {
		const rp = `results[${ri}]`;
		if (!/^(1|2|3|9)$/.test(r.type)) fail(`${rp}.type`, 'INVALID_CODE');
		if (r.indicators.length === 0) fail(`${rp}.indicators`, 'ELEMENT_REQUIRED');
		const rDescription = narratives(`${rp}.description`, r.description, false);
		return el(
			'result',
			{
				type: r.type,
				'aggregation-status': r.aggregationStatus === undefined ? undefined : r.aggregationStatus ? '1' : '0'
			},
			[
				el('title', {}, narratives(`${rp}.title`, r.title, true)),
				rDescription.length > 0 && el('description', {}, rDescription),
				...r.indicators.map((ind, ii) => {
					const ip = `${rp}.indicators[${ii}]`;
					if (!/^[1-5]$/.test(ind.measure)) fail(`${ip}.measure`, 'INVALID_CODE');
					const iDescription = narratives(`${ip}.description`, ind.description, false);
					return el(
						'indicator',
						{
							measure: ind.measure,
							ascending: ind.ascending === undefined ? undefined : ind.ascending ? '1' : '0'
						},
						[
							el('title', {}, narratives(`${ip}.title`, ind.title, true)),
							iDescription.length > 0 && el('description', {}, iDescription),
							...(ind.baselines ?? []).map((b, bi) => {
								const bp = `${ip}.baselines[${bi}]`;
								if (!Number.isInteger(b.year) || b.year < 1000 || b.year > 9999)
									fail(`${bp}.year`, 'INVALID_YEAR');
								if (b.isoDate !== undefined) date(`${bp}.isoDate`, b.isoDate);
								return el(
									'baseline',
									{ year: String(b.year), 'iso-date': b.isoDate, value: num(`${bp}.value`, b.value) },
									// location*, dimension*, document-link*, comment?
									[...dimensions(bp, b.dimensions), comment(bp, b.comment)]
								);
							}),
							...(ind.periods ?? []).map((p, pi) => {
								const pp = `${ip}.periods[${pi}]`;
								const start = date(`${pp}.start`, p.start);
								const end = date(`${pp}.end`, p.end);
								if (isIsoDate(p.start) && isIsoDate(p.end) && p.end < p.start)
									fail(`${pp}.end`, 'PERIOD_ORDER');
								return el('period', {}, [
									el('period-start', { 'iso-date': start }),
									el('period-end', { 'iso-date': end }),
									...(p.targets ?? []).map((t, ti) => measured('target', `${pp}.targets[${ti}]`, t)),
									...(p.actuals ?? []).map((a, ai) => measured('actual', `${pp}.actuals[${ai}]`, a))
								]);
							})
						]
					);
				})
			]
		);
	});

	const root = el(
		'iati-activities',
		{ version: '2.03', 'generated-datetime': dateTime(options.generatedAt) },
		[
			el(
				'iati-activity',
				{
					'last-updated-datetime': activity.lastUpdated ? dateTime(activity.lastUpdated) : undefined,
					'xml:lang': activity.defaultLanguage
				},
				[
					el('iati-identifier', {}, [identifier]),
					reportingOrg,
					title,
					description,
					...participating,
					status,
					...dates,
					...recipient,
					...results
				]
			)
		]
	);

	// Characters XML 1.0 cannot represent, anywhere in the text or the attributes.
	const check = (node: XmlElement, path: string) => {
		for (const [k, v] of node.attrs)
			if (v !== undefined && NOT_XML_CHAR.test(v)) fail(`${path}/@${k}`, 'INVALID_CHARACTER');
		node.children.forEach((c, i) => {
			if (typeof c === 'string') {
				if (NOT_XML_CHAR.test(c)) fail(`${path}/text()`, 'INVALID_CHARACTER');
			} else check(c, `${path}/${c.name}[${i}]`);
		});
	};
	check(root, '/iati-activities');

	if (errors.length > 0) return { ok: false, errors };
	const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
	serialize(root, 0, out);
	return { ok: true, xml: out.join('\n') + '\n' };
}
