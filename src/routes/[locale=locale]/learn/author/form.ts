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
