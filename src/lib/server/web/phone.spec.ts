import { describe, expect, it } from 'vitest';
import { normalisePhone } from './phone';

describe('phone numbers as people type them, per country', () => {
	it.each([
		['0555 123 456', 'KG', '+996555123456'],
		['555-12-34-56', 'KG', '+996555123456'],
		['+996 555 123 456', null, '+996555123456'],
		['8 701 234 5678', 'KZ', '+77012345678'],
		['+7 (701) 234-56-78', 'KZ', '+77012345678'],
		['93 123 4567', 'TJ', '+992931234567'],
		['90 123 45 67', 'UZ', '+998901234567'],
		['+998 90 123 45 67', 'KG', '+998901234567']
	])('%s (%s) → %s', (raw, country, e164) => expect(normalisePhone(raw, country)).toBe(e164));

	it('refuses what is not a number of the chosen country, and a national form without a country', () => {
		expect(normalisePhone('0555 123 456', null)).toBeNull();
		expect(normalisePhone('12', 'KG')).toBeNull();
		expect(normalisePhone('not a phone', 'UZ')).toBeNull();
		expect(normalisePhone('', 'KG')).toBeNull();
	});
});
