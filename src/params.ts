import { defineParams } from '@sveltejs/kit/params';
// Loaded by Node at build time too, so the import names its file with the extension.
import { isLocale } from './lib/i18n/locales.ts';

export const params = defineParams({
	locale: (param) => (isLocale(param) ? param : undefined)
});
