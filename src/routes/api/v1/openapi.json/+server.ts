import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { openApiDocument } from '#lib/server/web/openapi';

export const GET: RequestHandler = ({ locals }) => json(openApiDocument(locals.ctx.platform.origin));
