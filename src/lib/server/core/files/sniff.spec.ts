import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { extensionOf, sniffContentType } from './sniff';

const bytes = (...parts: (string | number[])[]) =>
	new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const ftyp = (brand: string, ...compatible: string[]) =>
	bytes([0, 0, 0, 16 + 4 * compatible.length], 'ftyp', brand, [0, 0, 0, 0], ...compatible);

describe('sniffContentType', () => {
	it('knows the types by their first bytes, whatever the name says', async () => {
		expect(sniffContentType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
		expect(sniffContentType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
		expect(sniffContentType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
		expect(sniffContentType(bytes('RIFF', [1, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
		expect(sniffContentType(ftyp('avif', 'mif1', 'miaf'))).toBe('image/avif');
		expect(sniffContentType(ftyp('mif1', 'avif'))).toBe('image/avif');
		expect(sniffContentType(ftyp('M4A ', 'isom'))).toBe('audio/mp4');
		expect(sniffContentType(ftyp('isom', 'mp41'))).toBe('video/mp4');
		expect(sniffContentType(bytes('OggS', [0, 2]))).toBe('audio/ogg');
		expect(sniffContentType(bytes('ID3', [4, 0]))).toBe('audio/mpeg');
		expect(sniffContentType(bytes([0xff, 0xfb, 0x90, 0x64]))).toBe('audio/mpeg');
		const avif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
			.avif()
			.toBuffer();
		expect(sniffContentType(new Uint8Array(avif))).toBe('image/avif');
	});

	it('knows nothing else', () => {
		expect(sniffContentType(bytes('<html><script>'))).toBeNull();
		expect(sniffContentType(bytes('RIFF', [1, 0, 0, 0], 'WAVEfmt '))).toBeNull();
		expect(sniffContentType(bytes('GIF89a'))).toBeNull();
		expect(sniffContentType(ftyp('heic', 'mif1'))).toBeNull();
		expect(sniffContentType(bytes('%P'))).toBeNull();
		expect(extensionOf('image/jpeg')).toBe('jpg');
		expect(extensionOf('text/html')).toBe('bin');
	});
});
