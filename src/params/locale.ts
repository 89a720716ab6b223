import { isLocale } from '#lib/i18n/locales';

export function match(param: string): boolean {
	return isLocale(param);
}
