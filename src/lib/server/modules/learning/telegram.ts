import { Lexer, type Token, type Tokens } from 'marked';
import { pickText, type ServiceContext } from '../../core';
import type { Locale } from '#lib/i18n/locales';
import { loadCourse } from './courses';
import { withoutTitle } from './markdown';
import * as q from './queries';

/**
 * Lessons for chats (the Telegram bot): the lesson's Markdown as Telegram-safe HTML (only the tags
 * Telegram's HTML parse mode knows: b, i, s, code, pre, blockquote, a with an http(s) link; everything
 * else escaped text), cut into messages under Telegram's 4,096 characters at block boundaries (a block
 * longer than that is cut at line, then word, boundaries, never inside a tag). Images become their
 * description with a link; raw HTML in the Markdown is shown as text, as on the web.
 */

export const TELEGRAM_LIMIT = 4096;
/** Room under the limit for a heading or a counter the bot adds. */
export const CHAT_PART_MAX = 3800;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (s: string) => esc(s).replace(/"/g, '&quot;');

function href(raw: string, origin: string): string | null {
	const value = raw.trim();
	if (/^https?:\/\/[^\s"<>]+$/i.test(value)) return value;
	if (/^\/[^\s"<>]*$/.test(value) && !value.startsWith('//')) return origin + value;
	return null;
}

function inline(tokens: Token[] | undefined, origin: string): string {
	return (tokens ?? []).map((t) => inlineToken(t, origin)).join('');
}

function inlineToken(token: Token, origin: string): string {
	switch (token.type) {
		case 'strong':
			return `<b>${inline((token as Tokens.Strong).tokens, origin)}</b>`;
		case 'em':
			return `<i>${inline((token as Tokens.Em).tokens, origin)}</i>`;
		case 'del':
			return `<s>${inline((token as Tokens.Del).tokens, origin)}</s>`;
		case 'codespan':
			return `<code>${esc((token as Tokens.Codespan).text)}</code>`;
		case 'br':
			return '\n';
		case 'link': {
			const link = token as Tokens.Link;
			const target = href(link.href, origin);
			const text = inline(link.tokens, origin);
			return target ? `<a href="${attr(target)}">${text}</a>` : text;
		}
		case 'image': {
			const image = token as Tokens.Image;
			const target = href(image.href, origin);
			const alt = esc(image.text || '🖼');
			return target ? `[<a href="${attr(target)}">${alt}</a>]` : `[${alt}]`;
		}
		case 'text': {
			const text = token as Tokens.Text;
			return text.tokens ? inline(text.tokens, origin) : esc(text.text);
		}
		case 'escape':
			return esc((token as Tokens.Escape).text);
		default:
			return esc('raw' in token ? String(token.raw) : '');
	}
}

function blocks(tokens: Token[], origin: string, depth = 0): string[] {
	const out: string[] = [];
	for (const token of tokens) {
		switch (token.type) {
			case 'space':
				break;
			case 'heading':
				out.push(`<b>${inline((token as Tokens.Heading).tokens, origin)}</b>`);
				break;
			case 'paragraph':
				out.push(inline((token as Tokens.Paragraph).tokens, origin));
				break;
			case 'list': {
				const list = token as Tokens.List;
				const start = typeof list.start === 'number' ? list.start : 1;
				const indent = '  '.repeat(depth);
				const lines = list.items.map((item, i) => {
					const mark = list.ordered ? `${start + i}.` : '•';
					const box = item.task ? (item.checked ? '☑ ' : '☐ ') : '';
					const parts = blocks(item.tokens, origin, depth + 1);
					return `${indent}${mark} ${box}${parts.join('\n')}`;
				});
				out.push(lines.join('\n'));
				break;
			}
			case 'blockquote':
				out.push(
					`<blockquote>${blocks((token as Tokens.Blockquote).tokens, origin, depth).join('\n\n')}</blockquote>`
				);
				break;
			case 'code':
				out.push(`<pre>${esc((token as Tokens.Code).text)}</pre>`);
				break;
			case 'table': {
				const table = token as Tokens.Table;
				const row = (cells: Tokens.TableCell[]) => cells.map((c) => inline(c.tokens, origin)).join(' | ');
				out.push([`<b>${row(table.header)}</b>`, ...table.rows.map(row)].join('\n'));
				break;
			}
			case 'hr':
				out.push('———');
				break;
			case 'text': {
				const text = token as Tokens.Text;
				out.push(text.tokens ? inline(text.tokens, origin) : esc(text.text));
				break;
			}
			default:
				// Raw HTML and anything unknown: shown as text, never as markup.
				out.push(esc('raw' in token ? String(token.raw).trim() : ''));
		}
	}
	return out.filter((b) => b.trim() !== '');
}

/** Markdown → Telegram HTML blocks (paragraphs, lists, tables…), each well-formed on its own. */
export function telegramBlocks(markdown: string, origin: string): string[] {
	return blocks(new Lexer({ gfm: true }).lex(markdown), origin);
}

const stripTags = (html: string) =>
	html
		.replace(/<[^>]*>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');

/** A block too long for one message: as plain text (tags dropped), cut at lines, then words. */
function cutLong(block: string, max: number): string[] {
	const out: string[] = [];
	let current = '';
	const push = (piece: string) => {
		if (current && current.length + 1 + piece.length > max) {
			out.push(current);
			current = '';
		}
		current = current ? `${current}\n${piece}` : piece;
	};
	for (const line of stripTags(block).split('\n')) {
		if (esc(line).length <= max) {
			push(esc(line));
			continue;
		}
		let chunk = '';
		for (const word of line.split(/(?<=\s)/)) {
			if (esc(chunk + word).length > max && chunk) {
				push(esc(chunk.trimEnd()));
				chunk = '';
			}
			chunk += esc(word).length > max ? word.slice(0, Math.floor(max / 6)) : word;
		}
		if (chunk) push(esc(chunk.trimEnd()));
	}
	if (current) out.push(current);
	return out;
}

/** Blocks joined into messages of at most `max` characters, cut only between blocks when possible. */
export function telegramParts(blocksIn: string[], max = CHAT_PART_MAX): string[] {
	const out: string[] = [];
	let current = '';
	for (const block of blocksIn.flatMap((b) => (b.length > max ? cutLong(b, max) : [b]))) {
		if (current && current.length + 2 + block.length > max) {
			out.push(current);
			current = block;
		} else current = current ? `${current}\n\n${block}` : block;
	}
	if (current) out.push(current);
	return out;
}

export interface ChatLesson {
	course: { slug: string; title: string };
	slug: string;
	title: string;
	/** Telegram HTML, each under CHAT_PART_MAX characters. */
	parts: string[];
	locale: Locale;
	url: string;
	next: string | null;
	quizzes: { slug: string; title: string }[];
}

/** A lesson for a chat in her language (fallbacks as on the web); the same reading rights as the web. */
export async function lessonForChat(
	ctx: ServiceContext,
	courseSlug: string,
	lessonSlug: string
): Promise<ChatLesson | null> {
	const c = await loadCourse(ctx, courseSlug);
	const { lessons, quizzes } = await q.outline(ctx.db, c.id);
	const i = lessons.findIndex((l) => l.slug === lessonSlug);
	if (i < 0) return null;
	const l = lessons[i];
	const text = (value: Partial<Record<Locale, string>>) => pickText(value, ctx.locale)?.text ?? '';
	const body = pickText(l.body, ctx.locale);
	const origin = ctx.platform.origin;
	return {
		course: { slug: c.slug, title: text(c.title) },
		slug: l.slug,
		title: text(l.title),
		parts: telegramParts(telegramBlocks(withoutTitle(body?.text ?? ''), origin)),
		locale: body?.locale ?? ctx.locale,
		url: `${origin}/${ctx.locale}/learn/${c.slug}/${l.slug}`,
		next: lessons[i + 1]?.slug ?? null,
		quizzes: quizzes.filter((z) => z.lessonId === l.id).map((z) => ({ slug: z.slug, title: text(z.title) }))
	};
}
