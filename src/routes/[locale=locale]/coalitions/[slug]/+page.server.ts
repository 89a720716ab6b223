import type { Actions, PageServerLoad } from './$types';
import { accounts } from '#lib/server/modules/accounts';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';
import { coalitions, adoptionChart, BARRIERS } from '#lib/server/modules/coalitions';
import { t } from '#lib/i18n/messages';
import type { MessageKey } from '#lib/i18n/messages';

/** Items shown per barrier before "show all" (keeps the page within its size budget). */
const PER_BARRIER = 8;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const c = await coalitions.getCoalition(locals.ctx, params.slug);
	const locale = locals.locale;
	const rows = [
		{ label: t(locale, 'coalitions_chart_overall'), ...c.adoption },
		...c.byBarrier.map((b) => ({
			label: t(locale, `coalitions_barrier_${b.barrier}` as MessageKey),
			adopted: b.adopted,
			total: b.total
		}))
	];
	const value = (r: { adopted: number; total: number }) =>
		t(locale, 'coalitions_chart_value', { adopted: r.adopted, total: r.total });
	const chart = adoptionChart(rows, {
		title: t(locale, 'coalitions_chart_title', { name: c.name.text }),
		desc: rows
			.map(
				(r) =>
					`${r.label}: ${t(locale, 'coalitions_adoption_figure', { adopted: r.adopted, total: r.total })}`
			)
			.join('. '),
		value
	});
	const only = url.searchParams.get('barrier');
	const focus = (BARRIERS as readonly string[]).includes(only ?? '') ? only : null;
	return {
		c,
		chart,
		barriers: focus ? [focus] : BARRIERS,
		focus,
		perBarrier: focus ? Infinity : PER_BARRIER,
		follow: locals.user
			? {
					channel: await coalitions.myFollow(locals.ctx, params.slug),
					telegram: (await accounts.myTelegram(locals.ctx)) !== null
				}
			: null
	};
};

/** Follow (by e-mail or Telegram) and unfollow this coalition's accountability timeline. */
export const actions: Actions = {
	follow: async (event) => {
		requireSignIn(event);
		const form = await readForm(event.request);
		try {
			await coalitions.followCoalition(event.locals.ctx, event.params.slug, {
				channel: field(form, 'channel')
			});
		} catch (error) {
			return formFailure(error, event.locals.locale, form);
		}
		return { followed: true };
	},
	unfollow: async (event) => {
		requireSignIn(event);
		try {
			await coalitions.unfollowCoalition(event.locals.ctx, event.params.slug);
		} catch (error) {
			return formFailure(error, event.locals.locale, new FormData());
		}
		return { unfollowed: true };
	}
};
