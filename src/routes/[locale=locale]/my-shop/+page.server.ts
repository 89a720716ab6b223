import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { shops } from '#lib/server/modules/shops';
import { requireSignIn } from '#lib/server/web/forms';

/** The maker's workspace: a chooser when she runs several shops, straight into the one she runs. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireSignIn({ locals, url });
	const mine = await shops.myShops(locals.ctx);
	if (mine.length === 1 && !url.searchParams.has('all'))
		redirect(303, `/${locals.locale}/my-shop/${mine[0].slug}`);
	return { shops: mine };
};
