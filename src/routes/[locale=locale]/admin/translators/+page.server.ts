import type { Actions, PageServerLoad } from './$types';
import { accounts, TRANSLATOR_LOCALES } from '#lib/server/modules/accounts';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

/** Translators per locale (issue 18): platform admins grant and revoke; the service checks who asks. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireSignIn({ locals, url });
	return { translators: await accounts.listTranslators(locals.ctx), locales: TRANSLATOR_LOCALES };
};

export const actions: Actions = {
	grant: async ({ locals, request }) => {
		const form = await readForm(request);
		try {
			const { added } = await accounts.grantTranslator(locals.ctx, {
				email: field(form, 'email'),
				locale: field(form, 'locale')
			});
			return { granted: true, added };
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
	},
	revoke: async ({ locals, request }) => {
		const form = await readForm(request);
		try {
			await accounts.revokeTranslator(locals.ctx, { grantId: field(form, 'grant') });
			return { revoked: true };
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
	}
};
