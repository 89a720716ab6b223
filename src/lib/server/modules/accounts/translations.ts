import type { TranslatableEntity } from '../../core';
import { organization } from './schema';

/**
 * Organizations' names per locale (issue 18): in the translation workspace beside other content. A
 * name keeps its official form; a translator adds the form used in her language, or a gloss.
 */
export const organizationTexts: TranslatableEntity = {
	module: 'accounts',
	entity: 'accounts.organization',
	table: organization,
	id: organization.id,
	key: organization.slug,
	country: organization.country,
	fields: { name: organization.name },
	label: 'name',
	path: '/{locale}/admin/organizations/{key}'
};
