import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The statement chooser (a GET form, no JavaScript) → the statement's own address. */
export const GET: RequestHandler = ({ params, url, locals }) => {
	const maker = encodeURIComponent(url.searchParams.get('maker') ?? '');
	const month = encodeURIComponent(url.searchParams.get('month') ?? '');
	// The network id is encoded too: a raw one (CR/LF, non-ASCII) cannot go into a Location header.
	const network = encodeURIComponent(params.network);
	redirect(303, `/${locals.locale}/production/${network}/statements/${maker}/${month}`);
};
