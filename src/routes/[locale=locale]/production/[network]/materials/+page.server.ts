import type { Actions, PageServerLoad } from './$types';
import { production, parseMajor } from '#lib/server/modules/production';
import { formKey } from '#lib/server/web/forms';
import { act } from '../../act';

const KIT_LINES = 4;

export const load: PageServerLoad = async ({ locals, params, url }) => ({
	materials: await production.listMaterials(locals.ctx, params.network),
	kits: await production.listKits(locals.ctx, params.network),
	patterns: (await production.listPatterns(locals.ctx, params.network)).map((p) => ({
		id: p.id,
		title: p.title?.text ?? ''
	})),
	makers: (await production.listMakers(locals.ctx, params.network)).filter((m) => m.status === 'active'),
	lines: KIT_LINES,
	once: formKey(),
	done: url.searchParams.get('done')
});

export const actions: Actions = {
	material: (event) =>
		act(
			event,
			(form) => {
				const cost = String(form.get('unitCost') ?? '').trim();
				return production.createMaterial(
					event.locals.ctx,
					event.params.network,
					{
						name: form.get('name'),
						unit: form.get('unit'),
						unitCostMinor: cost ? (parseMajor(cost) ?? 'invalid') : ''
					},
					String(form.get('_once') ?? '')
				);
			},
			'material'
		),
	move: (event) =>
		act(
			event,
			(form) =>
				production.recordMovement(
					event.locals.ctx,
					event.params.network,
					{
						materialId: form.get('materialId'),
						kind: form.get('kind'),
						quantity: form.get('quantity'),
						makerId: form.get('makerId'),
						note: form.get('note')
					},
					String(form.get('_once') ?? '')
				),
			'moved'
		),
	kit: (event) =>
		act(
			event,
			(form) => {
				const lines = [];
				for (let i = 0; i < KIT_LINES; i++) {
					const materialId = String(form.get(`material_${i}`) ?? '');
					if (materialId) lines.push({ materialId, quantity: form.get(`quantity_${i}`) });
				}
				return production.createKit(
					event.locals.ctx,
					event.params.network,
					{ patternId: form.get('patternId'), name: form.get('name'), pieces: form.get('pieces'), lines },
					String(form.get('_once') ?? '')
				);
			},
			'kit'
		)
};
