import { describe, expect, it } from 'vitest';
import { renderMarkdown, splitFrontMatter } from './markdown';

/** A script in Markdown never reaches a page: every way of writing one ends up as text. */
describe('lesson Markdown is sanitized on the server', () => {
	const attacks = [
		'<script>alert(1)</script>',
		'Hello <script src="https://evil.example/x.js"></script> there',
		'<img src=x onerror="alert(1)">',
		'<svg onload=alert(1)>',
		'<iframe src="https://evil.example"></iframe>',
		'[click](javascript:alert(1))',
		'[click](JaVaScRiPt:alert(1))',
		'[click](  javascript:alert(1))',
		'[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
		'![x](javascript:alert(1))',
		'![x](https://tracker.example/pixel.gif)',
		'[a](https://example.org "t\\" onmouseover=\\"alert(1)")',
		'<a href="javascript:alert(1)">x</a>',
		'<div style="background:url(javascript:alert(1))">x</div>',
		'```\n</code><script>alert(1)</script>\n```',
		'<!-- <script>alert(1)</script> -->',
		'<scr<script>ipt>alert(1)</script>'
	];

	it.each(attacks)('%j has no live markup', (source) => {
		const html = renderMarkdown(source);
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toMatch(/<(iframe|svg|div|img)\b[^>]*\s(on\w+|style)=/i);
		expect(html).not.toMatch(/<(iframe|svg)\b/i);
		expect(html).not.toMatch(/href="\s*(javascript|data):/i);
		expect(html).not.toMatch(/src="\s*(javascript|data|https?):/i);
		// No event handler or style attribute on a real tag (quoted values blanked: text inside them is inert).
		const tags = html.replace(/"[^"]*"/g, '""');
		expect(tags).not.toMatch(/<[a-z][^>]*\s(on[a-z]+|style)\s*=/i);
	});

	it('keeps what lessons use: headings, lists, emphasis, tables, safe links, own images', () => {
		const html = renderMarkdown(
			'## Two purses\n\n- **one** for the home\n- *one* for the business\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[help](/ru/care) · [NBKR](https://www.nbkr.kg) · ![felt](/files/abc123.jpg)'
		);
		expect(html).toContain('<h2>Two purses</h2>');
		expect(html).toContain('<strong>one</strong>');
		expect(html).toContain('<table>');
		expect(html).toContain('<a href="/ru/care">help</a>');
		expect(html).toContain('<a href="https://www.nbkr.kg" rel="noopener noreferrer nofollow">NBKR</a>');
		expect(html).toContain('<img src="/files/abc123.jpg" alt="felt"');
	});

	it('shows raw HTML as text', () => {
		expect(renderMarkdown('<b>bold</b>')).toContain('&lt;b&gt;bold&lt;/b&gt;');
	});

	it('reads the seed front matter', () => {
		const { meta, body } = splitFrontMatter(
			'---\ntitle: "Cash book"\nminutes: 6\n---\n\n# Cash book\n\nText'
		);
		expect(meta).toEqual({ title: 'Cash book', minutes: '6' });
		expect(body.trim()).toBe('# Cash book\n\nText');
	});
});
