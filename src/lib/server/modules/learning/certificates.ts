import { randomBytes, randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { AppError, parseInput, pickText, requireUser, writeAudit, type ServiceContext } from '../../core';
import { renderPdf } from '../../core/pdf';
import { formatDate } from '#lib/i18n/format';
import { t } from '#lib/i18n/messages';
import { isLocale, type Locale } from '#lib/i18n/locales';
import { accounts } from '../accounts';
import { requireEditor } from './access';
import { revokeInput } from './inputs';
import * as q from './queries';
import type { CourseRow } from './queries';

/**
 * Certificates of completion. One per learner and course, issued when every lesson is read and every
 * quiz passed at the course's pass mark; printed in her language with her name as her account gives
 * it; verified by anyone at `/{locale}/certificates/{code}` (name, course, date, valid or revoked);
 * revoked (never deleted) by those who may edit the course, with a reason kept in the audit log.
 */

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 12 characters from a 32-letter alphabet without look-alikes (60 bits): `K7QH-M2XD-9RTA`. */
export function newCode(): string {
	const bytes = randomBytes(12);
	const chars = [...bytes].map((b) => ALPHABET[b % 32]).join('');
	return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

export function normaliseCode(code: string): string {
	return code
		.trim()
		.toUpperCase()
		.replace(/[^A-Z0-9]/g, '')
		.replace(/^(.{4})(.{4})(.{4})$/, '$1-$2-$3');
}

/** Whether she has done everything the course asks. */
export async function isComplete(ctx: ServiceContext, userId: string, c: CourseRow): Promise<boolean> {
	const { lessons, quizzes } = await q.outline(ctx.db, c.id);
	if (lessons.length === 0) return false;
	const read = new Set((await q.readLessons(ctx.db, userId, [c.id])).map((r) => r.lessonId));
	const best = await q.bestAttempts(ctx.db, userId, [c.id]);
	return lessons.every((l) => read.has(l.id)) && quizzes.every((z) => best.get(z.id)?.passed);
}

/** Issues her certificate when the course is complete (once; a revoked one is not re-issued). */
export async function issueIfComplete(ctx: ServiceContext, c: CourseRow) {
	const userId = requireUser(ctx);
	const existing = await q.certificateOf(ctx.db, userId, c.id);
	if (existing) return existing.revokedAt ? null : existing;
	if (c.publication !== 'published' || !(await isComplete(ctx, userId, c))) return null;
	const name = (await accounts.namesOf(ctx, [userId])).get(userId) ?? '';
	const learnerRow = await q.learnerOf(ctx.db, userId);
	const row = await q.insertCertificate(ctx.db, {
		id: randomUUID(),
		code: newCode(),
		userId,
		courseId: c.id,
		name,
		courseTitle: c.title,
		locale: ctx.locale,
		country: learnerRow?.country ?? null,
		region: learnerRow?.region ?? null,
		issuedAt: ctx.clock()
	});
	if (row)
		await writeAudit(ctx, {
			action: 'learning.certificate.issued',
			entity: 'learning_certificate',
			entityId: row.id,
			after: { course: c.slug, code: row.code }
		});
	return row;
}

export interface VerificationView {
	code: string;
	name: string;
	course: string;
	issuedAt: string;
	valid: boolean;
	revokedAt: string | null;
	revokeReason: string | null;
	/** Present for those who may revoke it. */
	canRevoke: boolean;
	courseSlug: string;
}

/** Anyone verifies a certificate by its code; an unknown code is NOT_FOUND. */
export async function verifyCertificate(ctx: ServiceContext, code: string): Promise<VerificationView> {
	const row = await q.certificateByCode(ctx.db, normaliseCode(code));
	if (!row) throw new AppError('NOT_FOUND', { messageKey: 'learning_certificate_unknown' });
	const c = await q.courseById(ctx.db, row.courseId);
	let canRevoke = false;
	if (c) {
		try {
			requireEditor(ctx, c);
			canRevoke = true;
		} catch {
			canRevoke = false;
		}
	}
	return {
		code: row.code,
		name: row.name,
		course: pickText(row.courseTitle, ctx.locale)?.text ?? '',
		issuedAt: row.issuedAt.toISOString(),
		valid: row.revokedAt === null,
		revokedAt: row.revokedAt?.toISOString() ?? null,
		revokeReason: canRevoke ? row.revokeReason : null,
		canRevoke,
		courseSlug: c?.slug ?? ''
	};
}

export function verificationUrl(ctx: ServiceContext, locale: Locale, code: string): string {
	return `${ctx.platform.origin}/${locale}/certificates/${code}`;
}

/** Her certificate as a PDF in the language asked (hers only). */
export async function certificatePdf(
	ctx: ServiceContext,
	code: string,
	locale?: string
): Promise<{ bytes: Buffer; filename: string }> {
	const userId = requireUser(ctx);
	const row = await q.certificateByCode(ctx.db, normaliseCode(code));
	if (!row || row.userId !== userId) throw new AppError('NOT_FOUND');
	if (row.revokedAt) throw new AppError('CONFLICT', { messageKey: 'learning_certificate_revoked' });
	const lang: Locale = locale && isLocale(locale) ? locale : row.locale;
	const url = verificationUrl(ctx, lang, row.code);
	const qr = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
	const course = pickText(row.courseTitle, lang)?.text ?? '';
	const bytes = await renderPdf({
		title: t(lang, 'learning_certificate_title'),
		locale: lang,
		createdAt: row.issuedAt,
		size: 'A4',
		blocks: [
			{ type: 'paragraph', text: t(lang, 'learning_certificate_certifies') },
			{ type: 'heading', text: row.name },
			{ type: 'paragraph', text: t(lang, 'learning_certificate_completed') },
			{ type: 'heading', text: course },
			{
				type: 'paragraph',
				text: t(lang, 'learning_certificate_date', { date: formatDate(lang, row.issuedAt) })
			},
			{ type: 'paragraph', text: t(lang, 'learning_certificate_code', { code: row.code }) },
			{ type: 'image', data: qr, alt: t(lang, 'learning_certificate_qr_alt'), width: 120 },
			{ type: 'paragraph', text: t(lang, 'learning_certificate_verify', { url }) }
		]
	});
	return { bytes, filename: `birge-certificate-${row.code}.pdf` };
}

/** Revokes a certificate (those who may edit its course); the reason stays in the audit log. */
export async function revokeCertificate(ctx: ServiceContext, raw: unknown) {
	const input = parseInput(revokeInput, raw);
	const row = await q.certificateByCode(ctx.db, normaliseCode(input.code));
	if (!row) throw new AppError('NOT_FOUND');
	const c = await q.courseById(ctx.db, row.courseId);
	if (!c) throw new AppError('NOT_FOUND');
	const by = requireEditor(ctx, c);
	if (row.revokedAt) return;
	await ctx.db.transaction(async (tx) => {
		await q.revokeCertificate(tx, row.id, by, input.reason, ctx.clock());
		await writeAudit(
			{ ...ctx, db: tx },
			{
				action: 'learning.certificate.revoked',
				entity: 'learning_certificate',
				entityId: row.id,
				after: { reason: input.reason }
			}
		);
	});
}
