import { expect } from 'vitest';

/**
 * For the IATI tests only (iati.spec.ts, iati-order.integration.spec.ts): a strict XML reader and the
 * IATI 2.03 activity schema's sequences, with a checker of order, occurrences and required attributes.
 */

// ---------------------------------------------------------------------------------------------------
// A tiny, strict XML reader for these tests: elements, double-quoted attributes, text, the five
// predefined entities and numeric references; throws on anything malformed (mismatched tags, stray
// `<` or `&`, unquoted attributes, text outside the root).

export interface Node {
	name: string;
	attrs: Record<string, string>;
	children: Node[];
	text: string;
}

export function decode(s: string): string {
	if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s)) throw new Error(`bare & in ${s}`);
	if (s.includes('<')) throw new Error(`bare < in ${s}`);
	return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
		if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
		if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
		return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e]!;
	});
}

export function parseXml(xml: string): Node {
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

export type Seq = [string, number, number][];
export const U = Infinity;
export const ACTIVITY: Seq = [
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
export const RESULT: Seq = [
	['title', 1, 1],
	['description', 0, 1],
	['document-link', 0, U],
	['reference', 0, U],
	['indicator', 1, U]
];
export const INDICATOR: Seq = [
	['title', 1, 1],
	['description', 0, 1],
	['document-link', 0, U],
	['reference', 0, U],
	['baseline', 0, U],
	['period', 0, U]
];
export const BASELINE: Seq = [
	['location', 0, U],
	['dimension', 0, U],
	['document-link', 0, U],
	['comment', 0, 1]
];
export const PERIOD: Seq = [
	['period-start', 1, 1],
	['period-end', 1, 1],
	['target', 0, U],
	['actual', 0, U]
];
export const TARGET_OR_ACTUAL: Seq = [
	['location', 0, U],
	['dimension', 0, U],
	['comment', 0, 1],
	['document-link', 0, U]
];
export const TEXT: Seq = [['narrative', 1, U]];

/** Throws unless `node`'s children follow `seq` (order, minOccurs, maxOccurs, nothing else). */
export function assertSequence(node: Node, seq: Seq) {
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

export function assertAttrs(node: Node, required: string[]) {
	for (const a of required) expect(node.attrs[a], `${node.name}/@${a}`).toBeTruthy();
}

export const all = (node: Node, name: string): Node[] =>
	node.children
		.flatMap((c) => (c.name === name ? [c] : []))
		.concat(node.children.flatMap((c) => all(c, name)));
