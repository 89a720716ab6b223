import type { PageServerLoad } from './$types';
import { learning } from '#lib/server/modules/learning';

// A service's AppError (404 for an unknown or unpublished course) becomes its error page in the error hook.
export const load: PageServerLoad = async ({ locals, params }) => {
	const course = await learning.courseView(locals.ctx, params.course);
	const sizes =
		course.publication === 'published' ? await learning.packSizes(locals.ctx, params.course) : null;
	return { course, sizes, signedIn: !!locals.user };
};
