import { redirect, type RequestEvent } from '@sveltejs/kit';
import { formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

/**
 * The production pages' form actions: sign-in required, the form read, one module call, a 303 back
 * (with `?done=<what>`) on success, field messages in her language on failure.
 */
export async function act(
	event: Pick<RequestEvent, 'locals' | 'request' | 'url'>,
	fn: (form: FormData) => Promise<unknown>,
	done: string,
	to?: (result: unknown) => string
) {
	requireSignIn(event);
	const form = await readForm(event.request);
	let result: unknown;
	try {
		result = await fn(form);
	} catch (error) {
		return formFailure(error, event.locals.locale, form);
	}
	redirect(303, to ? to(result) : `${event.url.pathname}?done=${done}`);
}

/** A form's text fields as an object (what the module's zod input parses). */
export function values(form: FormData, names: readonly string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const n of names) {
		const v = form.get(n);
		if (typeof v === 'string') out[n] = v;
	}
	return out;
}

/** The fields of a maker's profile form (add and edit). */
export const MAKER_FIELDS = [
	'name',
	'regionCode',
	'districtCode',
	'village',
	'phone',
	'skills',
	'piecesPerWeek',
	'payMethod',
	'payAccount',
	'consentHow',
	'statsConsent',
	'sex',
	'disability'
] as const;
