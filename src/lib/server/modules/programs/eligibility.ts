import { and, eq, sql, type SQL } from 'drizzle-orm';
import { AppError, parseInput, requireUser, textIn, writeAudit, type ServiceContext } from '../../core';
import { formatMoney } from '#lib/i18n/format';
import { t } from '#lib/i18n/messages';
import { program } from './schema';
import { normaliseProfile, profileInput, type Profile } from './inputs';
import { evaluate, fieldLabel, reasonText, RESULT_ORDER } from './matching';
import { clearProfileData, profileRow, upsertProfileData, viewsWhere } from './queries';
import { regionNamer } from './program';
import { today } from './views';
import type { MatchItem, MatchView } from './views';
import { countEligibilityCheck } from './indicators';

/** Eligibility: a business profile checked against programs, and the profile she may keep. */

/**
 * Checks a profile against every published program one can apply for (not laws, policies or
 * registers). Nothing is stored. Eligible first, then likely, maybe, status unknown, not eligible,
 * closed.
 */
export async function matchPrograms(ctx: ServiceContext, input: unknown): Promise<MatchItem[]> {
	const profile = normaliseProfile(parseInput(profileInput, input ?? {}));
	await countEligibilityCheck(ctx, profile.country);
	return matchProfile(ctx, profile);
}

export async function matchProfile(ctx: ServiceContext, profile: Profile): Promise<MatchItem[]> {
	// Closed programs and those whose status is unknown are listed too, said as such (never as open).
	const where: SQL[] = [
		eq(program.publication, 'published'),
		eq(program.demo, false),
		sql`not (${program.kinds} <@ array['policy','legal','register']::text[])`
	];
	if (profile.country)
		where.push(
			sql`(${program.country} = ${profile.country} or ${profile.country} = any(${program.countries}))`
		);
	const rows = await viewsWhere(ctx, and(...where), { order: 'slug', limit: 500 });
	const regionCodes = [profile.region, ...rows.flatMap((r) => r.regions)].filter((c): c is string => !!c);
	const regionName = await regionNamer(ctx, regionCodes);
	const items = rows.map((r): MatchItem => {
		const { result, outcomes } = evaluate({ ...r, today: today(ctx) }, profile);
		const currency = r.terms.currency;
		const next: string[] = [];
		for (const o of outcomes) {
			if (o.met !== null) continue;
			const field = fieldLabel(ctx.locale, o.field);
			next.push(
				t(ctx.locale, o.unknownBecause === 'source' ? 'programs_next_ask_operator' : 'programs_next_answer', {
					field
				})
			);
		}
		if (result === 'likely') next.unshift(t(ctx.locale, 'programs_next_confirm'));
		if (result === 'unknown_status') next.unshift(t(ctx.locale, 'programs_next_status'));
		if (r.verification !== 'verified') next.push(t(ctx.locale, 'programs_next_partial'));
		if (result !== 'ineligible' && result !== 'closed') next.push(t(ctx.locale, 'programs_next_sources'));
		return {
			slug: r.slug,
			title: textIn(r.title, ctx.locale) || r.slug,
			result,
			reasons: outcomes.map((o) => ({
				field: o.field,
				met: o.met,
				text: reasonText(ctx.locale, o, regionName, currency)
			})),
			maxAmount:
				currency && r.terms.amountMax !== null ? formatMoney(ctx.locale, r.terms.amountMax, currency) : null,
			next,
			url: `/${ctx.locale}/programs/${r.slug}`,
			verification: r.verification
		};
	});
	return items.sort(
		(a, b) => RESULT_ORDER[a.result] - RESULT_ORDER[b.result] || a.title.localeCompare(b.title)
	);
}

/** POST /api/v1/programs/match: the results as the API shows them. Nothing is stored. */
export async function matchView(ctx: ServiceContext, input: unknown, origin: string): Promise<MatchView> {
	const items = await matchPrograms(ctx, input);
	return {
		items: items.map((m) => ({
			slug: m.slug,
			title: m.title,
			result: m.result,
			reasons: m.reasons,
			maxAmount: m.maxAmount,
			next: m.next,
			url: origin + m.url
		}))
	};
}

/** Saves the signed-in user's business profile (only when she asks). */
export async function saveProfile(ctx: ServiceContext, input: unknown): Promise<Profile> {
	const userId = requireUser(ctx);
	const profile = normaliseProfile(parseInput(profileInput, input ?? {}));
	const data = { ...profile, groups: (input as { groups?: unknown })?.groups ? profile.groups : undefined };
	// An empty form answers nothing: saving it would only replace a saved profile with nothing (forgetting
	// it is "Delete my profile" on /programs/mine). Refused with a message; nothing changes.
	if (Object.values(data).every((v) => v === undefined))
		throw new AppError('INVALID', { messageKey: 'programs_error_profile_empty' });
	await upsertProfileData(ctx, userId, data);
	await writeAudit(ctx, { action: 'programs.profile_save', entity: 'user', entityId: userId });
	return profile;
}

/** Forgets her saved profile (the calendar feed token stays). */
export async function deleteProfile(ctx: ServiceContext): Promise<void> {
	const userId = requireUser(ctx);
	await clearProfileData(ctx, userId);
}

/** Her saved profile, or null. */
export async function myProfile(ctx: ServiceContext): Promise<Profile | null> {
	const userId = requireUser(ctx);
	const row = await profileRow(ctx, userId);
	if (!row || Object.keys(row.data).length === 0) return null;
	return row.data as Profile;
}
