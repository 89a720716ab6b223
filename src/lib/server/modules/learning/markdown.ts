import { Marked, type Tokens } from 'marked';

/**
 * Lessons are Markdown, rendered on the server into HTML that can be trusted because nothing the author
 * wrote passes through as markup:
 * - raw HTML in the Markdown (`<script>`, `<img onerror>`, `<iframe>`, comments) is shown as text,
 *   escaped, never as markup;
 * - links keep only `http:`, `https:`, `mailto:`, `tel:` and same-site paths (`/…`, `#…`);
 *   `javascript:`, `data:` and everything else become plain text;
 * - images only from this site's file store (`/files/…`), so a lesson never fetches from another host
 *   (a paid data plan, and nothing leaves to third parties); others become their alternative text;
 * - every attribute value is escaped.
 * The page shows the result with `{@html}`; `sanitize.spec.ts` tries the usual attacks.
 */

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};
export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function safeHref(href: string): string | null {
	const value = href.trim();
	if (/^(https?:|mailto:|tel:)/i.test(value)) return value;
	if (/^\/(?!\/)/.test(value) || value.startsWith('#')) return value;
	return null;
}

function safeImage(href: string): string | null {
	const value = href.trim();
	return /^\/files\/[A-Za-z0-9/_.-]+$/.test(value) && !value.includes('..') ? value : null;
}

const marked = new Marked({
	gfm: true,
	breaks: false,
	async: false,
	renderer: {
		html(token: Tokens.HTML | Tokens.Tag) {
			return escapeHtml(token.text);
		},
		link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Link) {
			const text = this.parser.parseInline(token.tokens);
			const href = safeHref(token.href);
			if (!href) return text;
			const external = /^https?:/i.test(href);
			const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
			const rel = external ? ' rel="noopener noreferrer nofollow"' : '';
			return `<a href="${escapeHtml(href)}"${title}${rel}>${text}</a>`;
		},
		image(token: Tokens.Image) {
			const src = safeImage(token.href);
			if (!src) return escapeHtml(token.text);
			return `<img src="${escapeHtml(src)}" alt="${escapeHtml(token.text)}" loading="lazy" decoding="async">`;
		}
	}
});

/** Markdown → safe HTML. */
export function renderMarkdown(source: string): string {
	return marked.parse(source, { async: false }) as string;
}

/** Front matter (`---` … `---`) split from a seed lesson; simple `key: value` lines only. */
export function splitFrontMatter(source: string): { meta: Record<string, string>; body: string } {
	const match = /^---\n([\s\S]*?)\n---\n?/.exec(source);
	if (!match) return { meta: {}, body: source };
	const meta: Record<string, string> = {};
	for (const line of match[1].split('\n')) {
		const kv = /^([a-zA-Z]+):\s*(.*)$/.exec(line);
		if (kv) meta[kv[1]] = kv[2].replace(/^"(.*)"$/, '$1');
	}
	return { meta, body: source.slice(match[0].length) };
}

/** Removes the first `# Heading` (the page prints the title itself). */
export function withoutTitle(body: string): string {
	return body.replace(/^\s*# [^\n]*\n+/, '');
}
