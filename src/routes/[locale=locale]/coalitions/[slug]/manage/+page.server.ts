import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { coalitions, BARRIERS, ITEM_KINDS } from '#lib/server/modules/coalitions';
import { formFailure, formKey, readForm, requireSignIn } from '#lib/server/web/forms';
import { LOCALES } from '#lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	const requests = await coalitions.listJoinRequests(locals.ctx, params.slug);
	const c = await coalitions.getCoalition(locals.ctx, params.slug);
	const directory = await coalitions.listDirectory(locals.ctx, params.slug);
	return {
		coalition: { slug: c.slug, name: c.name, country: c.country },
		profile: await coalitions.getProfile(locals.ctx, params.slug),
		locales: LOCALES,
		agendas: c.agendas,
		members: directory.members.map((m) => ({ id: m.organizationId, name: m.name })),
		requests,
		barriers: BARRIERS,
		kinds: ITEM_KINDS,
		onceKey: formKey(),
		done: url.searchParams.get('done')
	};
};

const s = (form: FormData, k: string) => String(form.get(k) ?? '');

export const actions: Actions = {
	review: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		try {
			await coalitions.reviewJoin(locals.ctx, params.slug, {
				memberId: s(form, 'memberId'),
				decision: s(form, 'decision'),
				note: s(form, 'note')
			});
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `${url.pathname}?done=${s(form, 'decision') === 'approve' ? 'approved' : 'declined'}`);
	},
	recommendation: async ({ locals, params, request }) => {
		const form = await readForm(request);
		let id: string;
		try {
			({ id } = await coalitions.createRecommendation(
				locals.ctx,
				params.slug,
				{
					kind: s(form, 'kind'),
					agendaId: s(form, 'agendaId'),
					barrier: s(form, 'barrier'),
					title: { [locals.locale]: s(form, 'title') },
					text: { [locals.locale]: s(form, 'text') },
					targetBody: s(form, 'targetBody'),
					proposerIds: form.getAll('proposerIds').map(String),
					aggregateTotal: s(form, 'aggregateTotal'),
					aggregateAdopted: s(form, 'aggregateAdopted')
				},
				s(form, '_once')
			));
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/coalitions/${params.slug}/items/${id}`);
	},
	agenda: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		try {
			await coalitions.createAgenda(
				locals.ctx,
				params.slug,
				{ title: { [locals.locale]: s(form, 'agendaTitle') } },
				s(form, '_once')
			);
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `${url.pathname}?done=agenda`);
	},
	profile: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		try {
			await coalitions.updateProfile(locals.ctx, params.slug, {
				profile: Object.fromEntries(LOCALES.map((l) => [l, s(form, `profile_${l}`)]))
			});
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `${url.pathname}?done=profile`);
	},
	version: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		try {
			await coalitions.publishAgendaVersion(locals.ctx, params.slug, {
				agendaId: s(form, 'agendaId'),
				note: s(form, 'versionNote')
			});
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `${url.pathname}?done=version`);
	}
};
