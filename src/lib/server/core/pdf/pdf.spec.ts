import { describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { renderPdf } from './index';

/** pdfkit's own font parser (a dependency of pdfkit; no types published), to read the embedded subset. */
const fontkit = createRequire(import.meta.url)('fontkit') as {
	create(data: Buffer): { getGlyph(id: number): { path: { commands: unknown[] } } };
};

/** Every letter of Kyrgyz, Kazakh, Tajik and Uzbek beyond the Russian alphabet and ASCII. */
const LETTERS = 'Өө Үү Ңң Әә Ғғ Ққ Ұұ Һһ Іі Ҷҷ Ӣӣ Ӯӯ Ҳҳ Ўў Oʻoʻ Gʻgʻ';

interface PdfObject {
	dict: string;
	stream?: Buffer;
}

/** The objects of a PDF as pdfkit writes them (uncompressed structure, FlateDecode streams inflated). */
function objects(pdf: Buffer): Map<number, PdfObject> {
	const text = pdf.toString('latin1');
	const out = new Map<number, PdfObject>();
	const re = /(\d+) 0 obj\s*([\s\S]*?)(?:stream\r?\n([\s\S]*?)\r?\nendstream|endobj)/g;
	for (let m = re.exec(text); m; m = re.exec(text)) {
		const dict = m[2];
		let stream = m[3] === undefined ? undefined : Buffer.from(m[3], 'latin1');
		if (stream && /\/FlateDecode/.test(dict)) stream = zlib.inflateSync(stream);
		out.set(Number(m[1]), { dict, stream });
	}
	return out;
}

/** A ToUnicode CMap (bfrange with arrays, bfchar) as code → text. */
function toUnicode(cmap: string): Map<number, string> {
	const map = new Map<number, string>();
	const hexText = (h: string) =>
		String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
	for (const [, start, , list] of cmap.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
		[...list.matchAll(/<([0-9a-f]+)>/gi)].forEach((v, i) => map.set(parseInt(start, 16) + i, hexText(v[1])));
	}
	for (const [, code, value] of cmap.matchAll(/^<([0-9a-f]{4})>\s*<([0-9a-f]+)>$/gim))
		map.set(parseInt(code, 16), hexText(value));
	return map;
}

interface EmbeddedFont {
	name: string;
	unicode: Map<number, string>;
	file: Buffer;
}

/** The document's embedded Type0 fonts by resource name (F1, F2…). */
function fonts(objs: Map<number, PdfObject>): Map<string, EmbeddedFont> {
	const ref = (dict: string, key: string) => Number(new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict)?.[1]);
	const result = new Map<string, EmbeddedFont>();
	for (const { dict } of objs.values()) {
		const res = /\/Font\s*<<([^>]*)>>/.exec(dict);
		if (!res) continue;
		for (const [, name, id] of res[1].matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
			const font = objs.get(Number(id))!.dict;
			const descendant = objs.get(Number(/\/DescendantFonts\s*\[(\d+) 0 R\]/.exec(font)![1]))!.dict;
			const descriptor = objs.get(ref(descendant, 'FontDescriptor'))!.dict;
			result.set(name, {
				name: /\/BaseFont\s*\/([^\s/]+)/.exec(font)![1],
				unicode: toUnicode(objs.get(ref(font, 'ToUnicode'))!.stream!.toString('latin1')),
				file: objs.get(ref(descriptor, 'FontFile2'))!.stream!
			});
		}
	}
	return result;
}

/** The text a page shows, font by font: the glyph codes of each TJ/Tj, as written. */
function shownText(content: string): { font: string; codes: number[] }[] {
	const runs: { font: string; codes: number[] }[] = [];
	let font = '';
	for (const m of content.matchAll(/\/(\w+) [\d.]+ Tf|\[([^\]]*)\] TJ|<([0-9a-f]+)> Tj/gi)) {
		if (m[1]) font = m[1];
		else {
			const hex = [...(m[2] ?? `<${m[3]}>`).matchAll(/<([0-9a-f]+)>/gi)].map((h) => h[1]).join('');
			runs.push({ font, codes: (hex.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)) });
		}
	}
	return runs;
}

function png1x1(): Buffer {
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(zlib.crc32(body));
		return Buffer.concat([len, body, crc]);
	};
	const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', zlib.deflateSync(Buffer.from([0, 200, 30, 90]))),
		chunk('IEND', Buffer.alloc(0))
	]);
}

describe('pdf', () => {
	it('embeds a font subset with every Central Asian letter, and the text maps back to Unicode', async () => {
		const pdf = await renderPdf({
			title: 'Сертификат',
			locale: 'ky',
			createdAt: new Date('2026-01-01T00:00:00Z'),
			blocks: [{ type: 'paragraph', text: LETTERS }]
		});
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const objs = objects(pdf);
		const embedded = fonts(objs);
		// No standard (non-embedded) font: only DejaVu subsets.
		expect([...embedded.values()].map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
			'DejaVuSans',
			'DejaVuSans-Bold'
		]);
		expect(pdf.toString('latin1')).not.toMatch(/\/Subtype \/Type1/);
		const content = [...objs.values()]
			.filter(
				(o) =>
					o.stream && !/FontFile2|Length1|CIDInit/.test(o.dict + o.stream.subarray(0, 40).toString('latin1'))
			)
			.map((o) => o.stream!.toString('latin1'))
			.find((s) => s.includes(' Tf'))!;
		const runs = shownText(content);
		const decode = (run: { font: string; codes: number[] }) =>
			run.codes.map((c) => embedded.get(run.font)!.unicode.get(c) ?? '\uFFFD').join('');
		const paragraph = runs.map(decode).find((t) => t.startsWith('Өө'));
		expect(paragraph).toBe(LETTERS);
		const run = runs.find((r) => decode(r) === LETTERS)!;
		// No letter fell back to the empty .notdef glyph, and every one is drawn in the embedded subset.
		expect(run.codes).not.toContain(0);
		const subset = fontkit.create(embedded.get(run.font)!.file);
		for (const [i, code] of run.codes.entries()) {
			const letter = [...LETTERS][i];
			if (letter === ' ') continue;
			expect(subset.getGlyph(code).path.commands.length, `glyph for ${letter}`).toBeGreaterThan(0);
		}
		expect(decode(runs[0])).toBe('Сертификат');
		expect(pdf.toString('latin1')).toContain('/Lang (ky)');
	});

	it('lays out headings, a table and an image', async () => {
		const pdf = await renderPdf({
			title: 'Отчёт',
			locale: 'ru',
			createdAt: new Date('2026-01-01T00:00:00Z'),
			blocks: [
				{ type: 'heading', text: 'Итоги' },
				{
					type: 'table',
					columns: ['Страна', 'Программы'],
					rows: [
						['Кыргызстан', '42'],
						['Oʻzbekiston', '17']
					]
				},
				{ type: 'image', data: png1x1(), alt: 'logo', width: 40 }
			]
		});
		const objs = objects(pdf);
		const embedded = fonts(objs);
		const content = [...objs.values()]
			.map((o) => o.stream?.toString('latin1') ?? '')
			.find((s) => s.includes(' Tf'))!;
		const texts = shownText(content).map((r) =>
			r.codes.map((c) => embedded.get(r.font)!.unicode.get(c)).join('')
		);
		expect(texts).toEqual(
			expect.arrayContaining(['Итоги', 'Страна', 'Программы', 'Кыргызстан', '42', 'Oʻzbekiston', '17'])
		);
		expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
		expect(content).toMatch(/\/I\d+ Do/);
	});

	it('is reproducible for the same input and date', async () => {
		const input = {
			title: 'T',
			locale: 'en' as const,
			createdAt: new Date('2026-01-01T00:00:00Z'),
			blocks: [{ type: 'paragraph' as const, text: 'Same' }]
		};
		const [a, b] = await Promise.all([renderPdf(input), renderPdf(input)]);
		// pdfkit's document id mixes in the time of rendering; everything else is the same.
		const strip = (p: Buffer) => p.toString('latin1').replace(/\/ID \[[^\]]*\]/, '');
		expect(strip(a)).toBe(strip(b));
	});
});
