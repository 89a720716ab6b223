/** Form fields named `title.ru`, `body.kk` … as nested objects; repeated fields (checkboxes) as arrays. */
export function nestedForm(form: FormData): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value !== 'string' || key.startsWith('_')) continue;
		const [head, tail] = key.split('.', 2);
		if (tail) ((out[head] ??= {}) as Record<string, string>)[tail] = value;
		else if (key in out) out[key] = ([] as unknown[]).concat(out[key], value);
		else out[key] = value;
	}
	return out;
}

export async function fileBytes(form: FormData, name: string): Promise<Uint8Array> {
	const file = form.get(name);
	return file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
}

/**
 * Form fields named by dotted paths (`questions.0.options.1.text.ru`) as nested objects, each level
 * an object keyed by the segment (the module's input turns numbered keys into rows). Fields starting
 * with `_` and files are skipped; a repeated name (checkboxes) becomes an array.
 */
export function deepForm(form: FormData): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value !== 'string' || key.startsWith('_')) continue;
		const parts = key.split('.');
		if (
			parts.length > 6 ||
			parts.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype')
		)
			continue;
		let node = out;
		for (const part of parts.slice(0, -1)) {
			const next = node[part];
			if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
			node = node[part] as Record<string, unknown>;
		}
		const last = parts[parts.length - 1];
		const prev = node[last];
		if (prev === undefined) node[last] = value;
		else if (typeof prev === 'string' || Array.isArray(prev))
			node[last] = ([] as unknown[]).concat(prev, value);
	}
	return out;
}
