import { z } from 'zod';
import { ORGANIZATION_KINDS } from './schema';
import { ORG_MEMBER_ROLES, ROLES } from '../../core/context';
import { i18nTextSchema } from '../../core/text';
import { LOCALES } from '#lib/i18n/locales';

const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
const password = z.string().min(10).max(128);

/** E.164: + then 7 to 15 digits; spaces, dashes and brackets typed by people are removed. */
export const phoneSchema = z
	.string()
	.trim()
	.transform((v) => v.replace(/[\s\-()]/g, ''))
	.pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, { error: 'error_field_phone' }));

export const signUpInput = z.object({
	name: z.string().trim().min(1).max(120),
	email,
	password,
	locale: z.enum(LOCALES).optional()
});

export const signInInput = z.object({
	email,
	password: z.string().min(1).max(128),
	/** The one-time code e-mailed after many failed attempts on the account (see service.ts). */
	code: z
		.string()
		.trim()
		.max(12)
		.optional()
		.transform((v) => (v ? v : undefined))
		.pipe(
			z
				.string()
				.regex(/^\d{6}$/, { error: 'auth_phone_invalid_code' })
				.optional()
		)
});
export const resetRequestInput = z.object({ email });
export const resetInput = z.object({ token: z.string().min(10).max(500), password });
export const phoneInput = z.object({ phone: phoneSchema });
export const phoneVerifyInput = z.object({
	phone: phoneSchema,
	code: z
		.string()
		.trim()
		.regex(/^\d{4,8}$/, { error: 'auth_phone_invalid_code' })
});

export const organizationInput = z.object({
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
	kind: z.enum(ORGANIZATION_KINDS),
	name: i18nTextSchema.refine((v) => Object.keys(v).length > 0, { error: 'error_field_required' }),
	country: z.enum(['KG', 'KZ', 'TJ', 'UZ']).nullable().optional(),
	region: z.string().max(40).nullable().optional(),
	demo: z.boolean().optional()
});

export const memberInput = z.object({
	organizationId: z.string().min(1),
	userId: z.string().min(1),
	role: z.enum(ORG_MEMBER_ROLES)
});

export const grantInput = z.object({
	userId: z.string().min(1),
	role: z.enum(ROLES).exclude(['entrepreneur']),
	country: z.enum(['KG', 'KZ', 'TJ', 'UZ']).nullable().optional(),
	organizationId: z.string().nullable().optional(),
	/** A translator's locale (ky, kk, tg, uz, ru, en); none = every locale. */
	locale: z.enum(['ky', 'kk', 'tg', 'uz', 'ru', 'en']).nullable().optional()
});
