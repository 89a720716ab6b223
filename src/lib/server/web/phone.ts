import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** The countries a phone number may be chosen for on sign-in (the page's language does not tell it). */
export const PHONE_COUNTRIES = ['KG', 'KZ', 'TJ', 'UZ'] as const;
export type PhoneCountry = (typeof PHONE_COUNTRIES)[number];

/**
 * A phone number as people type it, in E.164 (+996555123456), or null when it is not a valid number
 * of the chosen country (or, starting with +, of any country). National forms are read by
 * libphonenumber-js: KG 0555 123 456, KZ 8 701 234 5678, TJ 93 123 4567, UZ 90 123 45 67.
 */
export function normalisePhone(raw: string, country: string | null | undefined): string | null {
	const text = raw.trim();
	if (!text) return null;
	const chosen = (PHONE_COUNTRIES as readonly string[]).includes(country ?? '')
		? (country as CountryCode)
		: undefined;
	if (!text.startsWith('+') && !chosen) return null;
	const parsed = parsePhoneNumberFromString(text, chosen);
	return parsed && parsed.isValid() ? parsed.number : null;
}
