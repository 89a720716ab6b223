/** oidc-provider (a test dependency: the local OpenID Connect provider) ships no types; what the tests use. */
declare module 'oidc-provider' {
	import type { IncomingMessage, ServerResponse } from 'node:http';
	export default class Provider {
		constructor(issuer: string, configuration: Record<string, unknown>);
		callback(): (req: IncomingMessage, res: ServerResponse) => void;
	}
}
