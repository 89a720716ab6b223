import { describe, expect, it } from 'vitest';
import { writeIatiActivity, type IatiActivity, type IatiConfig } from './iati';

// ---------------------------------------------------------------------------------------------------
// A tiny, strict XML reader for these tests: elements, double-quoted attributes, text, the five
// predefined entities and numeric references; throws on anything malformed (mismatched tags, stray
// `<` or `&`, unquoted attributes, text outside the root).

interface Node {
	name: string;
	attrs: Record<string, string>;
	children: Node[];
	text: string;
}

function decode(s: string): string {
	if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s)) throw new Error(`bare & in ${s}`);
	if (s.includes('<')) throw new Error(`bare < in ${s}`);
	return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
		if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
		if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
		return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e]!;
	});
}

function parseXml(xml: string): Node {
	const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*/.exec(xml);
	if (!decl) throw new Error('no XML declaration');
	let i = decl[0].length;
	const stack: Node[] = [];
	let root: Node | null = null;
	while (i < xml.length) {
		if (xml[i] === '<') {
			const end = xml.indexOf('>', i);
			if (end < 0) throw new Error('unterminated tag');
			const tag = xml.slice(i + 1, end);
			i = end + 1;
			if (tag.startsWith('/')) {
				const open = stack.pop();
				if (!open || open.name !== tag.slice(1)) throw new Error(`mismatched </${tag.slice(1)}>`);
				continue;
			}
			const selfClosing = tag.endsWith('/');
			const body = selfClosing ? tag.slice(0, -1) : tag;
			const m = /^([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*$/.exec(body);
			if (!m) throw new Error(`bad tag <${tag}>`);
			const attrs: Record<string, string> = {};
			for (const a of m[2].matchAll(/([\w:.-]+)="([^"]*)"/g)) {
				if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]}`);
				attrs[a[1]] = decode(a[2]);
			}
			const node: Node = { name: m[1], attrs, children: [], text: '' };
			if (stack.length > 0) stack[stack.length - 1].children.push(node);
			else if (root) throw new Error('second root');
			else root = node;
			if (!selfClosing) stack.push(node);
		} else {
			const next = xml.indexOf('<', i);
			const raw = xml.slice(i, next < 0 ? xml.length : next);
			i = next < 0 ? xml.length : next;
			if (stack.length === 0) {
				if (raw.trim() !== '') throw new Error('text outside the root');
				continue;
			}
			stack[stack.length - 1].text += decode(raw);
		}
	}
	if (stack.length > 0 || !root) throw new Error('unclosed elements');
	return root;
}

// ---------------------------------------------------------------------------------------------------
// The IATI 2.03 sequences, copied from github.com/IATI/IATI-Schemas, branch version-2.03,
// iati-activities-schema.xsd (Release 2.03, 2018-02-19): [element, minOccurs, maxOccurs].

type Seq = [string, number, number][];
const U = Infinity;
const ACTIVITY: Seq = [
	['iati-identifier', 1, 1],
	['reporting-org', 1, 1],
	['title', 1, 1],
	['description', 1, U],
	['participating-org', 1, U],
	['other-identifier', 0, U],
	['activity-status', 1, 1],
	['activity-date', 1, U],
	['contact-info', 0, U],
	['activity-scope', 0, 1],
	['recipient-country', 0, U],
	['recipient-region', 0, U],
	['location', 0, U],
	['sector', 0, U],
	['tag', 0, U],
	['country-budget-items', 0, 1],
	['humanitarian-scope', 0, U],
	['policy-marker', 0, U],
	['collaboration-type', 0, 1],
	['default-flow-type', 0, 1],
	['default-finance-type', 0, 1],
	['default-aid-type', 0, U],
	['default-tied-status', 0, 1],
	['budget', 0, U],
	['planned-disbursement', 0, U],
	['capital-spend', 0, 1],
	['transaction', 0, U],
	['document-link', 0, U],
	['related-activity', 0, U],
	['legacy-data', 0, U],
	['conditions', 0, 1],
	['result', 0, U],
	['crs-add', 0, 1],
	['fss', 0, 1]
];
const RESULT: Seq = [
	['title', 1, 1],
	['description', 0, 1],
	['document-link', 0, U],
	['reference', 0, U],
	['indicator', 1, U]
];
const INDICATOR: Seq = [
	['title', 1, 1],
	['description', 0, 1],
	['document-link', 0, U],
	['reference', 0, U],
	['baseline', 0, U],
	['period', 0, U]
];
const BASELINE: Seq = [
	['location', 0, U],
	['dimension', 0, U],
	['document-link', 0, U],
	['comment', 0, 1]
];
const PERIOD: Seq = [
	['period-start', 1, 1],
	['period-end', 1, 1],
	['target', 0, U],
	['actual', 0, U]
];
const TARGET_OR_ACTUAL: Seq = [
	['location', 0, U],
	['dimension', 0, U],
	['comment', 0, 1],
	['document-link', 0, U]
];
const TEXT: Seq = [['narrative', 1, U]];

/** Throws unless `node`'s children follow `seq` (order, minOccurs, maxOccurs, nothing else). */
function assertSequence(node: Node, seq: Seq) {
	let at = 0;
	const counts = new Map<string, number>();
	for (const child of node.children) {
		let k = at;
		while (k < seq.length && seq[k][0] !== child.name) k++;
		if (k === seq.length)
			throw new Error(
				`<${child.name}> out of order or not allowed in <${node.name}>: ${node.children.map((c) => c.name).join(', ')}`
			);
		at = k;
		counts.set(child.name, (counts.get(child.name) ?? 0) + 1);
	}
	for (const [name, min, max] of seq) {
		const n = counts.get(name) ?? 0;
		if (n < min || n > max) throw new Error(`<${node.name}> has ${n} <${name}>, allowed ${min}..${max}`);
	}
}

function assertAttrs(node: Node, required: string[]) {
	for (const a of required) expect(node.attrs[a], `${node.name}/@${a}`).toBeTruthy();
}

const all = (node: Node, name: string): Node[] =>
	node.children
		.flatMap((c) => (c.name === name ? [c] : []))
		.concat(node.children.flatMap((c) => all(c, name)));

// ---------------------------------------------------------------------------------------------------

const CONFIG: IatiConfig = {
	reportingOrgRef: 'KG-INN-01234567890123',
	reportingOrgType: '22',
	reportingOrgName: { ru: 'Ассоциация деловых женщин', en: 'Association of Business Women' }
};

const ACTIVITY_INPUT: IatiActivity = {
	localId: 'BIRGE-2026-01',
	defaultLanguage: 'ru',
	lastUpdated: new Date('2026-11-30T12:00:00.123Z'),
	title: { ru: 'Доступ к финансам', ky: 'Каржыга жеткиликтүүлүк', en: 'Access to finance' },
	description: { en: 'Loans & training for women <entrepreneurs>' },
	participatingOrgs: [
		{ role: '1', ref: 'XM-DAC-41114', type: '40', name: { en: 'UNDP' } },
		{ role: '4', name: { ru: 'Ассоциация деловых женщин' } }
	],
	status: '2',
	dates: [
		{ type: '1', isoDate: '2026-01-01' },
		{ type: '2', isoDate: '2026-02-01' }
	],
	recipientCountries: [{ code: 'KG' }],
	results: [
		{
			type: '2',
			aggregationStatus: false,
			title: { en: 'Women can get loans', ru: 'Женщины могут получить кредит' },
			indicators: [
				{
					measure: '1',
					ascending: true,
					title: { en: 'Women who received a loan' },
					description: { en: 'Count of "A & B" clients' },
					baselines: [
						{ year: 2025, isoDate: '2025-12-31', value: 120, dimensions: [{ name: 'sex', value: 'female' }] }
					],
					periods: [
						{
							start: '2026-01-01',
							end: '2026-06-30',
							targets: [
								{ value: 60, dimensions: [{ name: 'region', value: 'Osh' }] },
								{ value: 90, dimensions: [{ name: 'region', value: 'Chüy & Bishkek' }] }
							],
							actuals: [
								{
									value: 55,
									dimensions: [{ name: 'region', value: 'Osh' }],
									comment: { en: 'Q1 < Q2 & late' }
								},
								{ value: 101.5, dimensions: [{ name: 'region', value: 'Chüy & Bishkek' }] }
							]
						}
					]
				},
				{ measure: '2', title: { en: 'Share agreeing "I can get a loan"' } }
			]
		}
	]
};

const OPTIONS = { generatedAt: new Date('2026-12-01T09:00:00Z') };

function write(activity: IatiActivity = ACTIVITY_INPUT, config: IatiConfig = CONFIG) {
	const r = writeIatiActivity(config, activity, OPTIONS);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return { xml: r.xml, root: parseXml(r.xml) };
}

describe('writeIatiActivity', () => {
	it('refuses to run without the reporting organisation identifier', () => {
		for (const reportingOrgRef of [undefined, null, '', '   ']) {
			expect(writeIatiActivity({ ...CONFIG, reportingOrgRef }, ACTIVITY_INPUT, OPTIONS)).toEqual({
				ok: false,
				errors: [{ path: 'config.reportingOrgRef', code: 'REPORTING_ORG_MISSING' }]
			});
		}
	});

	it('writes the root and the activity with their required attributes', () => {
		const { root } = write();
		expect(root.name).toBe('iati-activities');
		expect(root.attrs).toEqual({ version: '2.03', 'generated-datetime': '2026-12-01T09:00:00Z' });
		expect(root.children.map((c) => c.name)).toEqual(['iati-activity']);
		const activity = root.children[0];
		expect(activity.attrs).toEqual({ 'last-updated-datetime': '2026-11-30T12:00:00Z', 'xml:lang': 'ru' });
		const id = activity.children[0];
		expect(id.name).toBe('iati-identifier');
		// The identifier is prefixed with the reporting-org ref and a hyphen, as the standard requires.
		expect(id.text).toBe('KG-INN-01234567890123-BIRGE-2026-01');
		const org = activity.children[1];
		expect(org.attrs).toEqual({ ref: 'KG-INN-01234567890123', type: '22' });
		expect(org.children.map((n) => [n.attrs['xml:lang'], n.text])).toEqual([
			['ru', 'Ассоциация деловых женщин'],
			['en', 'Association of Business Women']
		]);
	});

	it('follows the 2.03 element order and occurrence rules for activity, result, indicator, baseline, period, target and actual', () => {
		const { root } = write();
		const activity = root.children[0];
		assertSequence(activity, ACTIVITY);
		for (const t of ['title', 'description', 'reporting-org']) assertSequence(all(activity, t)[0], TEXT);
		for (const r of all(activity, 'result')) {
			assertSequence(r, RESULT);
			assertAttrs(r, ['type']);
		}
		const indicators = all(activity, 'indicator');
		expect(indicators).toHaveLength(2);
		for (const ind of indicators) {
			assertSequence(ind, INDICATOR);
			assertAttrs(ind, ['measure']);
			assertSequence(ind.children[0], TEXT);
		}
		for (const b of all(activity, 'baseline')) {
			assertSequence(b, BASELINE);
			assertAttrs(b, ['year']);
		}
		for (const p of all(activity, 'period')) {
			assertSequence(p, PERIOD);
			assertAttrs(p.children[0], ['iso-date']);
			assertAttrs(p.children[1], ['iso-date']);
		}
		for (const v of [...all(activity, 'target'), ...all(activity, 'actual')])
			assertSequence(v, TARGET_OR_ACTUAL);
		for (const n of all(activity, 'narrative')) assertAttrs(n, ['xml:lang']);
		for (const p of all(activity, 'participating-org')) assertAttrs(p, ['role']);
		assertAttrs(all(activity, 'activity-status')[0], ['code']);
		for (const d of all(activity, 'activity-date')) assertAttrs(d, ['type', 'iso-date']);
	});

	it('the order checker itself rejects a wrong order and a missing required element', () => {
		const node = (names: string[]): Node => ({
			name: 'period',
			attrs: {},
			text: '',
			children: names.map((name) => ({ name, attrs: {}, text: '', children: [] }))
		});
		expect(() => assertSequence(node(['period-end', 'period-start']), PERIOD)).toThrow(/out of order/);
		expect(() => assertSequence(node(['period-start', 'target']), PERIOD)).toThrow(/0 <period-end>/);
		expect(() => assertSequence(node(['period-start', 'period-end', 'actual', 'target']), PERIOD)).toThrow();
	});

	it('writes one target and one actual per disaggregated value, each with its dimension', () => {
		const { root } = write();
		const period = all(root, 'period')[0];
		expect(period.children.map((c) => c.name)).toEqual([
			'period-start',
			'period-end',
			'target',
			'target',
			'actual',
			'actual'
		]);
		const targets = period.children.filter((c) => c.name === 'target');
		expect(targets.map((t) => [t.attrs.value, t.children[0].attrs])).toEqual([
			['60', { name: 'region', value: 'Osh' }],
			['90', { name: 'region', value: 'Chüy & Bishkek' }]
		]);
		const actual = period.children.filter((c) => c.name === 'actual');
		expect(actual.map((a) => a.attrs.value)).toEqual(['55', '101.5']);
		expect(actual[0].children.map((c) => c.name)).toEqual(['dimension', 'comment']);
		const baseline = all(root, 'baseline')[0];
		expect(baseline.attrs).toEqual({ year: '2025', 'iso-date': '2025-12-31', value: '120' });
		expect(all(root, 'indicator')[0].attrs).toEqual({ measure: '1', ascending: '1' });
		expect(all(root, 'result')[0].attrs).toEqual({ type: '2', 'aggregation-status': '0' });
	});

	it('escapes & < > " once: text and attributes round-trip exactly', () => {
		const { xml, root } = write();
		expect(xml).toContain('Loans &amp; training for women &lt;entrepreneurs&gt;');
		expect(xml).not.toContain('&amp;amp;');
		expect(all(root, 'description')[0].children[0].text).toBe('Loans & training for women <entrepreneurs>');
		expect(all(root, 'comment')[0].children[0].text).toBe('Q1 < Q2 & late');
		expect(all(root, 'indicator')[0].children[1].children[0].text).toBe('Count of "A & B" clients');
		expect(all(root, 'dimension').map((d) => d.attrs.value)).toContain('Chüy & Bishkek');
	});

	it('refuses missing required parts and bad values, with the path of each', () => {
		const bad: IatiActivity = {
			...ACTIVITY_INPUT,
			title: {},
			participatingOrgs: [],
			dates: [{ type: '1', isoDate: '2026-02-30' }],
			recipientCountries: [{ code: 'KG' }, { code: 'KZ', percentage: 40 }],
			results: [
				{
					type: '2',
					title: { en: 'R' },
					indicators: [
						{
							measure: '1',
							title: { en: 'I' },
							baselines: [{ year: 26, value: NaN }],
							periods: [
								{
									start: '2026-06-30',
									end: '2026-01-01',
									targets: [{ value: 1, dimensions: [{ name: 'sex', value: '' }] }]
								}
							]
						}
					]
				},
				{ type: '2', title: { en: 'Empty' }, indicators: [] }
			]
		};
		const r = writeIatiActivity(CONFIG, bad, OPTIONS);
		if (r.ok) throw new Error('accepted');
		expect(r.errors).toEqual([
			{ path: 'title', code: 'NARRATIVE_REQUIRED' },
			{ path: 'participatingOrgs', code: 'ELEMENT_REQUIRED' },
			{ path: 'dates[0].isoDate', code: 'INVALID_DATE' },
			{ path: 'recipientCountries[0].percentage', code: 'PERCENTAGE_REQUIRED' },
			{ path: 'results[0].indicators[0].baselines[0].year', code: 'INVALID_YEAR' },
			{ path: 'results[0].indicators[0].baselines[0].value', code: 'INVALID_NUMBER' },
			{ path: 'results[0].indicators[0].periods[0].end', code: 'PERIOD_ORDER' },
			{ path: 'results[0].indicators[0].periods[0].targets[0].dimensions[0]', code: 'ELEMENT_REQUIRED' },
			{ path: 'results[1].indicators', code: 'ELEMENT_REQUIRED' }
		]);
	});

	it('refuses characters XML 1.0 cannot carry instead of writing a broken file', () => {
		const r = writeIatiActivity(CONFIG, { ...ACTIVITY_INPUT, title: { en: 'Bell\u0007' } }, OPTIONS);
		expect(r).toMatchObject({ ok: false, errors: [{ code: 'INVALID_CHARACTER' }] });
	});

	it('writes an activity with no results', () => {
		const { root } = write({ ...ACTIVITY_INPUT, results: [] });
		assertSequence(root.children[0], ACTIVITY);
		expect(all(root, 'result')).toHaveLength(0);
	});
});
