import { describe, expect, it } from 'vitest';
import { isEan13, parseAmount, productInput, requestInput, shopInput, slugSchema } from './inputs';

describe('EAN-13', () => {
	it('accepts codes whose check digit matches', () => {
		for (const code of ['4006381333931', '5901234123457', '4600051000057', '0000000000000'])
			expect(isEan13(code)).toBe(true);
	});
	it('refuses a wrong check digit, wrong length or letters', () => {
		for (const code of [
			'4006381333932',
			'5901234123450',
			'400638133393',
			'40063813339310',
			'400638133393a',
			''
		])
			expect(isEan13(code)).toBe(false);
	});
});

describe('amounts', () => {
	it('are integer minor units; UZS has none', () => {
		expect(parseAmount('1 500,50', 'KGS')).toBe(150050);
		expect(parseAmount('1500', 'KZT')).toBe(150000);
		expect(parseAmount('1500.5', 'TJS')).toBe(150050);
		expect(parseAmount('250000', 'UZS')).toBe(250000);
		expect(parseAmount('2500.50', 'UZS')).toBeNull();
		expect(parseAmount('12.345', 'KGS')).toBeNull();
		expect(parseAmount('-5', 'KGS')).toBeNull();
	});
});

describe('product input', () => {
	const base = {
		slug: 'felt-slippers',
		title: { ru: 'Тапочки' },
		category: 'felt',
		priceMinor: 150000,
		availability: 'made_to_order',
		leadTimeDays: 7
	};
	it('accepts a made-to-order card with a lead time', () => {
		expect(productInput.safeParse(base).success).toBe(true);
	});
	it('names each bad field with its own message', () => {
		const r = productInput.safeParse({
			...base,
			slug: 'Bad Slug',
			priceMinor: 10.5,
			leadTimeDays: undefined,
			itemSize: { lengthCm: 0, widthCm: 10, heightCm: 10 },
			variants: [
				{ sku: 'A-1', barcode: '4006381333932' },
				{ sku: 'A-1', barcode: '4006381333931' }
			]
		});
		expect(r.success).toBe(false);
		const byPath = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
		expect(byPath['slug']).toBe('shops_error_slug');
		expect(byPath['priceMinor']).toBe('shops_error_price');
		expect(byPath['itemSize.lengthCm']).toBe('shops_error_dimension');
		expect(byPath['variants.0.barcode']).toBe('shops_error_ean13');
	});
	it('refuses the same article twice in one card', () => {
		const r = productInput.safeParse({ ...base, variants: [{ sku: 'A-1' }, { sku: 'a-1' }] });
		expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['variants.1.sku', 'shops_error_sku_taken']
		]);
	});
	it('needs a quantity in stock', () => {
		const r = productInput.safeParse({ ...base, availability: 'in_stock', leadTimeDays: undefined });
		expect(r.error?.issues[0].path).toEqual(['quantity']);
	});
});

describe('slugs and request input', () => {
	it('lower-cases slugs and refuses other letters', () => {
		expect(slugSchema.parse('Felt-Slippers')).toBe('felt-slippers');
		expect(slugSchema.safeParse('тапочки').success).toBe(false);
		expect(slugSchema.safeParse('-a-').success).toBe(false);
	});
	it('checks the contact by its kind', () => {
		const r = { buyerName: 'Aida', city: 'Karakol', quantity: '1' };
		expect(requestInput.safeParse({ ...r, contactKind: 'phone', contact: '+996 555 123 456' }).success).toBe(
			true
		);
		expect(requestInput.safeParse({ ...r, contactKind: 'phone', contact: 'call me' }).success).toBe(false);
		expect(requestInput.safeParse({ ...r, contactKind: 'telegram', contact: '@aida_k' }).success).toBe(true);
		expect(requestInput.safeParse({ ...r, contactKind: 'telegram', contact: '+996555' }).success).toBe(false);
	});
});

describe('shop addresses', () => {
	it('refuses the addresses of the catalogue pages', () => {
		for (const slug of ['all', 'moderation', 'requests']) {
			const r = shopInput.safeParse({ slug, name: { ky: 'Дүкөн' }, country: 'KG' });
			expect(r.success).toBe(false);
			expect(r.error?.issues.find((i) => i.path[0] === 'slug')?.message).toBe('shops_error_slug_taken');
		}
		expect(shopInput.shape.slug.safeParse('all-felt').success).toBe(true);
	});
});
