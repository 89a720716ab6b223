import type { ServiceContext } from '#lib/server/core/context';
import type { Locale } from '#lib/i18n/locales';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			ctx: ServiceContext;
			sessionId: string | null;
			user: { id: string; name: string; email: string | null; phone: string | null } | null;
			/** Set for /care: suppresses cookies, logging detail and storage. */
			private: boolean;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
