import type { Locale } from '#lib/i18n/locales';
import type { CardAttribute, CardPhoto, CardTexts, MarketplaceCard, PhotoFormat, Problem } from './card';
import type { CategoryRules } from './category-rules';
import { isReachableUrl } from './urls';

/** Collects problems; `error` and `warn` keep the call sites short. */
export class Problems {
	readonly list: Problem[] = [];
	error(field: string, code: Problem['code'], params?: Problem['params']) {
		this.list.push({ field, code, params, severity: 'error' });
	}
	warn(field: string, code: Problem['code'], params?: Problem['params']) {
		this.list.push({ field, code, params, severity: 'warning' });
	}
}

/** Length in characters as a person counts them (code points, so an emoji is one). */
export const charLength = (text: string) => [...text].length;

/** A required text in one locale: present, within `max`, flagged when machine-drafted. */
export function checkText(
	out: Problems,
	texts: CardTexts | undefined,
	locale: Locale,
	field: string,
	max?: number
): string | null {
	const entry = texts?.[locale];
	const text = entry?.text.trim() ?? '';
	if (!text) {
		out.error(`${field}.${locale}`, 'required', { locale });
		return null;
	}
	if (max !== undefined && charLength(text) > max)
		out.error(`${field}.${locale}`, 'too_long', { max, length: charLength(text) });
	if (entry?.machineDraft) out.warn(`${field}.${locale}`, 'machine_draft', { locale });
	return text;
}

export function checkPackage(out: Problems, card: MarketplaceCard, maxWeightG?: number) {
	const p = card.package;
	if (!p) {
		out.error('package', 'package_missing');
		return;
	}
	for (const key of ['lengthCm', 'widthCm', 'heightCm', 'weightG'] as const) {
		if (!Number.isFinite(p[key]) || p[key] <= 0) out.error(`package.${key}`, 'not_positive');
	}
	if (maxWeightG !== undefined && p.weightG > maxWeightG)
		out.error('package.weightG', 'too_heavy', { max: maxWeightG / 1000 });
}

export function checkPhotos(
	out: Problems,
	photos: CardPhoto[],
	rules: {
		min: number;
		max: number;
		minWidth?: number;
		minHeight?: number;
		formats: readonly PhotoFormat[];
		maxBytes?: number;
		/** Whether the marketplace can fetch a URL (tests against a local server relax it). */
		reachable?: (url: string) => boolean;
	}
) {
	const reachable = rules.reachable ?? isReachableUrl;
	if (photos.length < rules.min)
		out.error('photos', 'photos_too_few', { min: rules.min, count: photos.length });
	if (photos.length > rules.max)
		out.error('photos', 'photos_too_many', { max: rules.max, count: photos.length });
	photos.forEach((photo, i) => {
		const field = `photos.${i}`;
		const number = i + 1;
		if (!reachable(photo.url)) out.error(field, 'photo_not_public', { number });
		if (!rules.formats.includes(photo.format))
			out.error(field, 'photo_format', { number, format: photo.format.toUpperCase() });
		if (
			(rules.minWidth && photo.widthPx < rules.minWidth) ||
			(rules.minHeight && photo.heightPx < rules.minHeight)
		)
			out.error(field, 'photo_too_small', {
				number,
				width: photo.widthPx,
				height: photo.heightPx,
				minWidth: rules.minWidth ?? 0,
				minHeight: rules.minHeight ?? 0
			});
		if (rules.maxBytes && photo.bytes > rules.maxBytes)
			out.error(field, 'photo_too_big', { number, maxMb: Math.floor(rules.maxBytes / 1024 / 1024) });
	});
}

/** Attribute values against the category's rules: required ones present, counts and kinds right. */
export function checkAttributes(out: Problems, attributes: CardAttribute[], category: CategoryRules) {
	const byId = new Map(attributes.map((a) => [a.id, a]));
	for (const rule of category.attributes) {
		if (rule.namedField) continue;
		const given = byId.get(rule.id);
		const values = given?.values.filter((v) => String(v).trim() !== '') ?? [];
		const field = `attributes.${rule.id}`;
		if (values.length === 0) {
			if (rule.required) out.error(field, 'attribute_required', { name: rule.name });
			continue;
		}
		const max = rule.kind === 'number' ? 1 : rule.maxCount;
		if (max > 0 && values.length > max)
			out.error(field, 'attribute_too_many_values', { name: rule.name, max, count: values.length });
		if (rule.kind === 'number' && values.some((v) => !Number.isFinite(Number(v))))
			out.error(field, 'attribute_not_number', { name: rule.name });
		if (rule.kind === 'dictionary' && (given?.dictionaryValueIds?.length ?? 0) < values.length)
			out.error(field, 'attribute_no_dictionary_value', { name: rule.name });
	}
}

/** EAN-13 / EAN-8 / UPC-A check digit; other barcodes pass as long as they are digits. */
export function barcodeIsValid(code: string): boolean {
	if (!/^\d{8,14}$/.test(code)) return false;
	if (![8, 12, 13].includes(code.length)) return true;
	const digits = [...code].map(Number);
	const check = digits.pop()!;
	const sum = digits.reverse().reduce((acc, digit, i) => acc + digit * (i % 2 === 0 ? 3 : 1), 0);
	return (10 - (sum % 10)) % 10 === check;
}
