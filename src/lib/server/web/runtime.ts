import type { App } from '#lib/server/app';

/**
 * The web server's one App (database, config, secret), set by the `init` hook. Routes reach module
 * services through a ServiceContext built per request (`event.locals.ctx`); this is for the few
 * edge concerns that need the App itself (health, auth).
 */
let current: App | null = null;

export function setApp(app: App) {
	current = app;
}

export function getApp(): App {
	if (!current) throw new Error('Birge is not started');
	return current;
}
