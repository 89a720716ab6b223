import { z } from 'zod';
import { CARE_KINDS } from './schema';
import { COUNTRIES } from '#lib/i18n/format';

/** Empty query parameters and form fields count as absent. */
const optional = <S extends z.ZodType>(schema: S) =>
	z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

/** ISO 3166-2 first-level code, e.g. KG-Y, KZ-75, UZ-TO. */
const regionCode = z
	.string()
	.trim()
	.toUpperCase()
	.regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/);

export const findInput = z.object({
	country: optional(z.enum(COUNTRIES)),
	region: optional(regionCode),
	kind: optional(z.enum(CARE_KINDS))
});

/** A phone number as the operator writes it: digits, spaces, dashes, brackets, an optional +. */
const phoneLine = z
	.string()
	.trim()
	.regex(/^\+?[0-9][0-9\s\-()]{1,30}$/, { error: 'care_error_phone' });

const isoDate = z
	.string()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.refine((v) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()), { error: 'error_field_invalid' });

export const confirmInput = z.object({
	id: z.string().trim().min(1).max(120),
	method: z.enum(['called_operator', 'official_site', 'operator_written']),
	confirmedOn: isoDate,
	note: optional(z.string().trim().max(500)),
	/**
	 * The numbers as confirmed, one per line. Absent or blank keeps the stored numbers unchanged;
	 * otherwise they replace them exactly as typed (trimmed).
	 */
	phones: optional(
		z
			.string()
			.max(500)
			.transform((v) =>
				v
					.split(/\r?\n/)
					.map((l) => l.trim())
					.filter(Boolean)
			)
			.pipe(z.array(phoneLine).max(5))
	)
});

export const withdrawInput = z.object({
	id: z.string().trim().min(1).max(120),
	note: z.string().trim().min(1).max(500)
});
