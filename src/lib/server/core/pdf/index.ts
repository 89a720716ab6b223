import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Locale } from '#lib/i18n/locales';
import { LOCALE_TAGS } from '#lib/i18n/locales';

/**
 * PDF documents (certificates, reports, receipts) with DejaVu Sans, installed from npm
 * (`dejavu-fonts-ttf`): it has every Kyrgyz, Kazakh, Tajik and Uzbek letter (Ө Ү Ң Ә Ғ Қ Ұ Һ І Ҷ Ӣ Ӯ Ҳ Ў,
 * and the Uzbek ʻ U+02BB), and is embedded as a subset, so a document shows the same on every reader.
 * Nothing is fetched at run time. Modules describe a document as blocks; `renderPdf` lays it out.
 */

const require = createRequire(import.meta.url);
export const PDF_FONTS = {
	regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
	bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')
};

export type PdfBlock =
	| { type: 'heading'; text: string }
	| { type: 'paragraph'; text: string }
	/** A table with a header row; cells are text (numbers formatted by the caller, in the document's language). */
	| { type: 'table'; columns: string[]; rows: string[][]; widths?: number[] }
	/** A PNG or JPEG image, scaled to `width` points (default: the full text width), with alternative text. */
	| { type: 'image'; data: Buffer; alt: string; width?: number };

export interface PdfDocumentInput {
	title: string;
	/** The document's language (PDF /Lang, for screen readers). */
	locale: Locale;
	author?: string;
	blocks: PdfBlock[];
	/** Recorded as the creation date; fixed in tests so output is reproducible. */
	createdAt?: Date;
	size?: 'A4' | 'A5';
}

/** Renders a document to PDF bytes. */
export function renderPdf(input: PdfDocumentInput): Promise<Buffer> {
	const doc = new PDFDocument({
		size: input.size ?? 'A4',
		margin: 56,
		lang: LOCALE_TAGS[input.locale],
		displayTitle: true,
		font: PDF_FONTS.regular,
		info: {
			Title: input.title,
			Author: input.author ?? 'Birge',
			Creator: 'Birge',
			Producer: 'Birge',
			CreationDate: input.createdAt ?? new Date()
		}
	});
	doc.registerFont('regular', PDF_FONTS.regular);
	doc.registerFont('bold', PDF_FONTS.bold);
	const chunks: Buffer[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
	doc.font('bold').fontSize(18).text(input.title, { width });
	doc.moveDown(0.5);
	for (const block of input.blocks) {
		switch (block.type) {
			case 'heading':
				doc.moveDown(0.5).font('bold').fontSize(14).text(block.text, { width }).moveDown(0.25);
				break;
			case 'paragraph':
				doc.font('regular').fontSize(11).text(block.text, { width, lineGap: 2 }).moveDown(0.5);
				break;
			case 'table': {
				doc.font('regular').fontSize(10);
				doc.table({
					columnStyles: block.widths,
					data: [
						block.columns.map((text) => ({ text, type: 'TH' as const, font: { src: PDF_FONTS.bold } })),
						...block.rows
					]
				});
				doc.moveDown(0.5);
				break;
			}
			case 'image':
				doc.image(block.data, { width: Math.min(block.width ?? width, width) });
				doc.moveDown(0.5);
				break;
		}
	}
	doc.end();
	return done;
}
