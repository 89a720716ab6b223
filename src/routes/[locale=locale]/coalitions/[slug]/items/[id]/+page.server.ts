import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { coalitions, INSTRUMENT_TYPES, MAX_FILE_BYTES, STATUSES } from '#lib/server/modules/coalitions';
import { AppError } from '#lib/server/core';
import { formFailure, formKey, readForm, requireSignIn } from '#lib/server/web/forms';
import { LOCALES } from '#lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await coalitions.getItem(locals.ctx, params.slug, params.id);
	const wording =
		view.viewer.coordinator && !view.item.sourceKey
			? await coalitions.getRecommendationText(locals.ctx, params.slug, params.id)
			: null;
	return {
		...view,
		wording,
		locales: LOCALES,
		statuses: STATUSES,
		instrumentTypes: INSTRUMENT_TYPES,
		maxMb: MAX_FILE_BYTES / 1024 / 1024,
		today: locals.ctx.clock().toISOString().slice(0, 10),
		onceKey: formKey(),
		done: url.searchParams.get('done')
	};
};

const str = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

export const actions: Actions = {
	endorse: async ({ locals, params, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		try {
			await coalitions.endorse(locals.ctx, params.slug, {
				recommendationId: params.id,
				organizationId: str(form, 'organizationId')
			});
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `${url.pathname}?done=endorsed#endorsements`);
	},
	comment: async ({ locals, params, request, url }) => {
		const user = requireSignIn({ locals, url });
		const form = await readForm(request);
		try {
			await coalitions.addComment(
				locals.ctx,
				params.slug,
				{
					recommendationId: params.id,
					body: str(form, 'body'),
					organizationId: str(form, 'organizationId') || null
				},
				user.name,
				str(form, '_once')
			);
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `${url.pathname}?done=comment#discussion`);
	},
	text: async ({ locals, params, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		try {
			await coalitions.updateRecommendationText(locals.ctx, params.slug, {
				recommendationId: params.id,
				title: Object.fromEntries(LOCALES.map((l) => [l, str(form, `title_${l}`)])),
				text: Object.fromEntries(LOCALES.map((l) => [l, str(form, `text_${l}`)])),
				targetBody: str(form, 'targetBody')
			});
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `${url.pathname}?done=text`);
	},
	record: async ({ locals, params, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		try {
			const upload = form.get('evidenceFile');
			let file: { name: string; bytes: Uint8Array } | null = null;
			if (upload instanceof File && upload.size > 0) {
				if (upload.size > MAX_FILE_BYTES)
					throw new AppError('INVALID', {
						fields: {
							evidenceFile: {
								key: 'coalitions_error_file_size',
								params: { max: MAX_FILE_BYTES / 1024 / 1024 }
							}
						}
					});
				file = { name: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) };
			}
			const instrumentType = str(form, 'instrumentType');
			await coalitions.recordStatus(
				locals.ctx,
				params.slug,
				{
					recommendationId: params.id,
					date: str(form, 'date'),
					status: str(form, 'status'),
					progress: str(form, 'progress'),
					aggregateAdopted: str(form, 'aggregateAdopted'),
					note: { [locals.locale]: str(form, 'note') },
					evidenceUrl: str(form, 'evidenceUrl'),
					instrument: instrumentType
						? {
								type: instrumentType,
								name: str(form, 'instrumentName'),
								number: str(form, 'instrumentNumber'),
								date: str(form, 'instrumentDate'),
								clause: str(form, 'instrumentClause'),
								body: str(form, 'instrumentBody')
							}
						: null,
					correctsId: str(form, 'correctsId')
				},
				{ upload: file, onceKey: str(form, '_once') }
			);
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `${url.pathname}?done=recorded#timeline`);
	}
};
