import { CONTENT_LOCALES as LOCALES } from '#lib/i18n/locales';
import { field, fields } from '#lib/server/web/forms';

/** How many featured-person rows the form offers beyond those already recorded. */
export const EXTRA_PEOPLE = 3;

/** A story form (title.<locale>, summary.<locale>, people.<n>.name/consent/public…) as the service's input. */
export function storyFromForm(form: FormData) {
	const people: { name: string; consent: string; public: string }[] = [];
	for (let i = 0; i < 20; i++) {
		const name = field(form, `people.${i}.name`).trim();
		if (!name) continue;
		people.push({
			name,
			consent: field(form, `people.${i}.consent`),
			public: field(form, `people.${i}.public`)
		});
	}
	return {
		kind: field(form, 'kind'),
		country: field(form, 'country'),
		title: Object.fromEntries(LOCALES.map((l) => [l, field(form, `title.${l}`)])),
		summary: Object.fromEntries(LOCALES.map((l) => [l, field(form, `summary.${l}`)])),
		channels: fields(form, 'channels'),
		date: field(form, 'date'),
		link: field(form, 'link'),
		people,
		barrier: field(form, 'barrier'),
		shopSlug: field(form, 'shopSlug'),
		_once: field(form, '_once')
	};
}

/** The uploaded file, if any. */
export async function uploadOf(form: FormData) {
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0) return null;
	return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name };
}
