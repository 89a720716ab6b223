import type { PageServerLoad } from './$types';
import { requireSignIn } from '#lib/server/web/forms';

/** After sign-up (e-mail or phone): what she can do next. */
export const load: PageServerLoad = (event) => {
	const user = requireSignIn(event);
	return { name: user.name };
};
