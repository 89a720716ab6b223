import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isAppError } from '#lib/server/core';
import { programs } from '#lib/server/modules/programs';
import { t } from '#lib/i18n/messages';

export const GET: RequestHandler = async ({ locals }) => {
	try {
		const csv = await programs.exportCsv(locals.ctx);
		return new Response('\uFEFF' + csv, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': 'attachment; filename="birge-programs.csv"',
				'cache-control': 'private, no-store'
			}
		});
	} catch (e) {
		if (isAppError(e)) error(e.status, t(locals.locale, e.messageKey));
		throw e;
	}
};
