import type { Row } from './types';
import { rows as accounts } from './accounts';
import { rows as care } from './care';
import { rows as coalitions } from './coalitions';
import { rows as content } from './content';
import { rows as hsds } from './hsds';
import { rows as impact } from './impact';
import { rows as learning } from './learning';
import { rows as production } from './production';
import { rows as shops } from './shops';
import { rows as platform } from './platform';
import { rows as programs } from './programs';
import { rows as tools } from './tools';

/** The one table: every module's rows. A new module adds a file beside these and one line here. */
export const TABLE: Row[] = [
	...platform,
	...accounts,
	...programs,
	...coalitions,
	...care,
	...tools,
	...learning,
	...shops,
	...production,
	...content,
	...hsds,
	...impact
];

export { ROLES, type Role, type Row } from './types';
