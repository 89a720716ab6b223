import type { Actions, PageServerLoad } from './$types';
import { production, parseMajor } from '#lib/server/modules/production';
import { LOCALES } from '#lib/i18n/locales';
import { formKey } from '#lib/server/web/forms';
import { act } from '../../act';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const patterns = await production.listPatterns(locals.ctx, params.network);
	const rates = await Promise.all(
		patterns.map((p) => production.listRates(locals.ctx, params.network, p.id))
	);
	return {
		patterns: patterns.map((p, i) => ({
			...p,
			rates: rates[i].map((r) => ({
				id: r.id,
				makerId: r.makerId,
				rateMinor: r.rateMinor,
				validFrom: r.validFrom,
				validTo: r.validTo
			}))
		})),
		makers: (await production.listMakers(locals.ctx, params.network)).filter((m) => m.status === 'active'),
		once: formKey(),
		done: url.searchParams.get('done')
	};
};

const perLocale = (form: FormData, prefix: string) =>
	Object.fromEntries(LOCALES.map((l) => [l, String(form.get(`${prefix}_${l}`) ?? '')]));
const amount = (form: FormData, name: string) => parseMajor(String(form.get(name) ?? '')) ?? 'invalid';

export const actions: Actions = {
	create: (event) =>
		act(
			event,
			(form) =>
				production.createPattern(
					event.locals.ctx,
					event.params.network,
					{
						title: perLocale(form, 'title'),
						instructions: perLocale(form, 'instructions'),
						videoLinks: String(form.get('videoLinks') ?? '')
							.split(/\r?\n/)
							.map((s) => s.trim())
							.filter(Boolean),
						difficulty: form.get('difficulty'),
						minutesPerPiece: form.get('minutesPerPiece'),
						defaultRateMinor: amount(form, 'defaultRate')
					},
					String(form.get('_once') ?? '')
				),
			'created'
		),
	rate: (event) =>
		act(
			event,
			(form) =>
				production.setRate(event.locals.ctx, event.params.network, {
					patternId: form.get('patternId'),
					makerId: form.get('makerId'),
					rateMinor: amount(form, 'rate'),
					validFrom: form.get('validFrom'),
					validTo: form.get('validTo')
				}),
			'rate'
		),
	file: (event) =>
		act(
			event,
			async (form) => {
				const file = form.get('file');
				const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
				return production.addPatternFile(
					event.locals.ctx,
					event.params.network,
					String(form.get('patternId') ?? ''),
					{
						bytes,
						name: file instanceof File ? file.name.slice(0, 200) : null,
						kind: form.get('kind') === 'finished_photo' ? 'finished_photo' : 'document'
					}
				);
			},
			'file'
		)
};
