/** Text helpers for bot replies (Telegram's HTML parse mode, its 4,096-character limit). */

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Splits a long reply at paragraph breaks into messages Telegram accepts (≤ 4,000 characters). */
export function split(text: string, max = 4000): string[] {
	const out: string[] = [];
	let current = '';
	for (const paragraph of text.split('\n\n')) {
		const piece = paragraph.length > max ? paragraph.slice(0, max - 1) + '…' : paragraph;
		if (current && current.length + 2 + piece.length > max) {
			out.push(current);
			current = piece;
		} else current = current ? `${current}\n\n${piece}` : piece;
	}
	if (current) out.push(current);
	return out;
}

/** Callback data must fit Telegram's 64 bytes; longer data (a long slug) gets no button. */
export const fitsCallback = (data: string) => Buffer.byteLength(data, 'utf8') <= 64;
