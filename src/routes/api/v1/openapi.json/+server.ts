import { publicOrigin } from '#lib/server/config';
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { openApiDocument } from '#lib/server/web/openapi';

export const GET: RequestHandler = () => json(openApiDocument(publicOrigin()));
