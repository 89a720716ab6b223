import type { FileStore } from './files/store';
import type { Keyring } from './crypto';
import type { Sender } from './sender';

/**
 * What a running Birge is plugged into: built once by `startApp` (web server, CLI, worker) or by the
 * test harness, carried by the App and by every ServiceContext. Nothing of it lives in a process
 * global, so two platforms (two test databases, later a bot beside the web) never see each other's
 * mail, files or keys.
 */
export interface Platform {
	/** The public origin links are built on (e-mails, reset links): `publicOrigin(config)`. */
	origin: string;
	/** The auth secret (sessions, Better Auth); never logged. */
	secret: string;
	/** How SMS and e-mails leave (log/file in development, SMTP in production, memory in tests). */
	sender: Sender;
	/** Where file bytes are kept (a directory or S3). */
	files: FileStore;
	/** Field-encryption keys: the current secret's and any previous ones. */
	keyring: Keyring;
	/** Rate limits on (BIRGE_RATE_LIMITS); tests switch them off where they are not the subject. */
	rateLimits: boolean;
	/** The data directory (embedded database, outbox, the coalitions' legacy evidence files). */
	dataDir: string;
	/** Demo mode (BIRGE_DEMO): labelled demo content, and phone sign-in first with the development sender. */
	demo?: boolean;
	/**
	 * Base URLs of outside services by name, from the configuration (`marketplace.ozon`…); a name not
	 * here means the service's official host. Tests and e2e point them at a local fake server.
	 */
	endpoints?: Readonly<Record<string, string>>;
	/** Sign in with Telegram (OpenID Connect), when configured; absent = no Telegram button. */
	telegramLogin?: TelegramLogin | null;
}

/** An OpenID Connect client registered with Telegram (or, in tests, with a local provider). */
export interface TelegramLogin {
	clientId: string;
	clientSecret: string;
	discoveryUrl: string;
	scopes: string[];
}
