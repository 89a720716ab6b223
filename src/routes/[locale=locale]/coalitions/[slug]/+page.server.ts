import type { PageServerLoad } from './$types';
import { coalitions, adoptionChartSvg, BARRIERS } from '#lib/server/modules/coalitions';
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
	const chart = adoptionChartSvg(rows, {
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
		perBarrier: focus ? Infinity : PER_BARRIER
	};
};
