import { describe, expect, it } from 'vitest';
import { decimalString, ozonDimensions, wholeMajor, wildberriesDimensions } from './units';

describe('units and rounding', () => {
	it('gives Wildberries whole centimetres rounded up and kilograms with 3 decimals', () => {
		expect(wildberriesDimensions({ lengthCm: 30.2, widthCm: 12, heightCm: 9.5, weightG: 420 })).toEqual({
			length: 31,
			width: 12,
			height: 10,
			weightBrutto: 0.42
		});
		expect(
			wildberriesDimensions({ lengthCm: 12.000000001, widthCm: 1, heightCm: 1, weightG: 1234 }).length
		).toBe(12);
		expect(wildberriesDimensions({ lengthCm: 1, widthCm: 1, heightCm: 1, weightG: 1234 }).weightBrutto).toBe(
			1.234
		);
	});

	it('gives Ozon whole millimetres and grams, rounded up', () => {
		expect(ozonDimensions({ lengthCm: 30.25, widthCm: 12, heightCm: 9.5, weightG: 420.4 })).toEqual({
			depth: 303,
			width: 120,
			height: 95,
			dimension_unit: 'mm',
			weight: 421,
			weight_unit: 'g'
		});
	});

	it('never gives 0, however small the item', () => {
		const wb = wildberriesDimensions({ lengthCm: 0.2, widthCm: 0.01, heightCm: 0.4, weightG: 0.3 });
		expect(Math.min(wb.length, wb.width, wb.height)).toBe(1);
		expect(wb.weightBrutto).toBe(0.001);
		const ozon = ozonDimensions({ lengthCm: 0.01, widthCm: 0.01, heightCm: 0.01, weightG: 0.2 });
		expect([ozon.depth, ozon.width, ozon.height, ozon.weight]).toEqual([1, 1, 1, 1]);
	});

	it('writes minor units as decimal strings with a point', () => {
		expect(decimalString(250_050, 'RUB')).toBe('2500.50');
		expect(decimalString(5, 'RUB')).toBe('0.05');
		expect(decimalString(100, 'KZT')).toBe('1.00');
	});

	it('gives whole major units or null, never a silent rounding', () => {
		expect(wholeMajor(1_250_000, 'KZT')).toBe(12_500);
		expect(wholeMajor(1_250_050, 'KZT')).toBeNull();
	});
});
