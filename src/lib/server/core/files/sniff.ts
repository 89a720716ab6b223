/**
 * The type a file's bytes actually are, from their first bytes; the name and the browser's claimed
 * type are never trusted. Only types Birge serves are known; anything else is null.
 */
export const KNOWN_TYPES = {
	'application/pdf': 'pdf',
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/webp': 'webp',
	'image/avif': 'avif',
	'audio/mpeg': 'mp3',
	'audio/ogg': 'ogg',
	'audio/mp4': 'm4a',
	'video/mp4': 'mp4'
} as const;
export type KnownType = keyof typeof KNOWN_TYPES;

const ascii = (bytes: Uint8Array, start: number, end: number) =>
	String.fromCharCode(...bytes.subarray(start, end));

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

export function sniffContentType(bytes: Uint8Array): KnownType | null {
	if (bytes.byteLength < 4) return null;
	if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
	if (ascii(bytes, 4, 8) === 'ftyp') {
		// ISO base media: the major brand, then compatible brands up to the box's size.
		const boxSize = Math.min(((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0, 64);
		const brands = [ascii(bytes, 8, 12)];
		for (let i = 16; i + 4 <= Math.min(boxSize, bytes.byteLength); i += 4)
			brands.push(ascii(bytes, i, i + 4));
		if (brands[0] === 'avif' || brands[0] === 'avis' || (brands[0] === 'mif1' && brands.includes('avif')))
			return 'image/avif';
		if (brands[0] === 'M4A ' || brands[0] === 'M4B ') return 'audio/mp4';
		if (['isom', 'iso2', 'mp41', 'mp42', 'avc1', 'dash'].includes(brands[0])) return 'video/mp4';
		return null;
	}
	if (ascii(bytes, 0, 4) === 'OggS') return 'audio/ogg';
	if (ascii(bytes, 0, 3) === 'ID3') return 'audio/mpeg';
	// An MPEG audio frame without ID3 tag: 11 sync bits, layer III.
	if (bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0 && (bytes[1] & 0x06) === 0x02) return 'audio/mpeg';
	return null;
}

/** The file name extension Birge uses for a type in public URLs and downloads. */
export function extensionOf(type: string): string {
	return (KNOWN_TYPES as Record<string, string>)[type] ?? 'bin';
}
