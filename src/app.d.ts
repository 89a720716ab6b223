import type { ServiceContext } from '#lib/server/core/context';
import type { Locale } from '#lib/i18n/locales';
import type { App as BirgeApp } from '#lib/server/app';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			ctx: ServiceContext;
			/** The running App (database, platform), for edge routes such as /healthz. */
			app: BirgeApp;
			sessionId: string | null;
			user: { id: string; name: string; email: string | null; phone: string | null } | null;
			/** Set for /care: suppresses cookies, logging detail and storage. */
			private: boolean;
			/** Random id of this request: in the log line of a server error and on its error page. */
			requestId: string;
			/** Set by the error hook: the error an /api response is rebuilt from. */
			failure?: { status: number; code: string; message: string; requestId?: string };
		}
		interface Error {
			message: string;
			code?: string;
			/** The request id of a server error, shown on the error page. */
			id?: string;
		}
	}
}

export {};
