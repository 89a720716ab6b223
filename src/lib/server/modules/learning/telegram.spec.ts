import { describe, expect, it } from 'vitest';
import { TELEGRAM_LIMIT, telegramBlocks, telegramParts } from './telegram';

const ORIGIN = 'https://birge.example';
const TAGS = ['b', 'i', 's', 'code', 'pre', 'blockquote', 'a'];

function balanced(html: string): boolean {
	const stack: string[] = [];
	for (const m of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
		if (!TAGS.includes(m[2])) return false;
		if (!m[1]) stack.push(m[2]);
		else if (stack.pop() !== m[2]) return false;
	}
	return stack.length === 0;
}

describe('lessons as Telegram HTML', () => {
	it('renders Markdown with only the tags Telegram knows; raw HTML and unsafe links as text', () => {
		const html = telegramBlocks(
			[
				'## Две кошелька',
				'**Деньги дела** и *домашние* ~~вместе~~ — `касса`.',
				'- один\n- два',
				'1. первый\n2. второй',
				'> цитата',
				'| a | b |\n|---|---|\n| 1 | 2 |',
				'<script>alert(1)</script>',
				'[ok](https://example.org/x?a=1&b=2) [bad](javascript:alert(1)) [here](/ru/tools/loan)',
				'![Тетрадь](/files/abc.jpg)'
			].join('\n\n'),
			ORIGIN
		);
		const text = html.join('\n\n');
		expect(text).toContain('<b>Две кошелька</b>');
		expect(text).toContain('<b>Деньги дела</b> и <i>домашние</i> <s>вместе</s> — <code>касса</code>.');
		expect(text).toContain('• один\n• два');
		expect(text).toContain('1. первый\n2. второй');
		expect(text).toContain('<blockquote>цитата</blockquote>');
		expect(text).toContain('<b>a | b</b>\n1 | 2');
		expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(text).toContain('<a href="https://example.org/x?a=1&amp;b=2">ok</a>');
		expect(text).not.toContain('javascript:');
		expect(text).toContain(`<a href="${ORIGIN}/ru/tools/loan">here</a>`);
		expect(text).toContain(`[<a href="${ORIGIN}/files/abc.jpg">Тетрадь</a>]`);
		for (const block of html) expect(balanced(block)).toBe(true);
	});

	it('cuts a long lesson into messages under the limit, between blocks, each well-formed, nothing lost', () => {
		const paragraphs = Array.from(
			{ length: 60 },
			(_, i) => `**Абзац ${i}.** ${'Слово '.repeat(30)}конец ${i}.`
		);
		const huge = 'Очень длинный абзац без переносов '.repeat(400);
		const parts = telegramParts(telegramBlocks([...paragraphs, huge].join('\n\n'), ORIGIN));
		expect(parts.length).toBeGreaterThan(2);
		for (const part of parts) {
			expect(part.length).toBeLessThan(TELEGRAM_LIMIT);
			expect(balanced(part)).toBe(true);
		}
		const all = parts.join('\n\n');
		for (let i = 0; i < 60; i++) expect(all).toContain(`конец ${i}.`);
		expect(all.split('Очень').length - 1).toBe(400);
		expect(all.split('переносов').length - 1).toBe(400);
	});
});
