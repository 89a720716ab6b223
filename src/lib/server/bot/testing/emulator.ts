import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update, UserFromGetMe } from 'grammy/types';

/**
 * An emulated Telegram Bot API server for tests and benchmarks: grammY is pointed at it through its
 * `apiRoot` setting. It answers the methods Birge uses (getMe, getUpdates, setWebhook, deleteWebhook,
 * sendMessage, sendPhoto, getFile, answerCallbackQuery, editMessageText, setMyCommands), records
 * every call, queues updates for long polling, and can answer 429 with `retry_after` on demand.
 */

export interface ApiCall {
	method: string;
	payload: Record<string, unknown>;
	at: number;
}

export interface Emulator {
	apiRoot: string;
	token: string;
	calls: ApiCall[];
	/** Calls of one method, optionally to one chat. */
	sent(method: string, chatId?: number | string): ApiCall[];
	/** Queues an update for getUpdates (long polling); its update_id is assigned when missing. */
	push(update: Record<string, unknown>): number;
	/** The next `times` calls of `method` get 429 Too Many Requests with this retry_after. */
	failNext(method: string, retryAfterSeconds: number, times?: number): void;
	/** The webhook set through setWebhook, if any. */
	webhook: { url: string; secret_token?: string } | null;
	/** Stores a file a chat "sent": getFile gives its path, and GET /file/bot<token>/<path> its bytes. */
	putFile(fileId: string, bytes: Uint8Array): void;
	/** Resolves once a call matching the predicate has been recorded. */
	waitFor(predicate: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
	close(): Promise<void>;
}

export const BOT_INFO: UserFromGetMe = {
	id: 7000000001,
	is_bot: true,
	first_name: 'Birge',
	username: 'birge_test_bot',
	can_join_groups: false,
	can_read_all_group_messages: false,
	supports_inline_queries: false,
	can_connect_to_business: false,
	has_main_web_app: false,
	has_topics_enabled: false,
	allows_users_to_create_topics: false,
	can_manage_bots: false,
	supports_join_request_queries: false
};

async function readBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const raw = Buffer.concat(chunks);
	const type = req.headers['content-type'] ?? '';
	if (!raw.length) return {};
	if (type.includes('application/json')) return JSON.parse(raw.toString('utf8'));
	if (type.includes('multipart/form-data')) {
		// Text fields only; file parts are recorded by their size.
		const boundary = /boundary=(.+)$/.exec(type)?.[1];
		const out: Record<string, unknown> = {};
		if (!boundary) return out;
		for (const part of raw.toString('latin1').split(`--${boundary}`)) {
			const name = /name="([^"]+)"/.exec(part)?.[1];
			if (!name) continue;
			const value = part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, '');
			out[name] = /filename="/.test(part)
				? { bytes: value.length }
				: Buffer.from(value, 'latin1').toString('utf8');
		}
		return out;
	}
	return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
}

export async function startEmulator(options: { token?: string } = {}): Promise<Emulator> {
	const token = options.token ?? '123456:TEST-token-for-the-emulator';
	const calls: ApiCall[] = [];
	const queue: Record<string, unknown>[] = [];
	const failures = new Map<string, { retryAfter: number; times: number }>();
	const waiters = new Set<{ predicate: (c: ApiCall) => boolean; resolve: (c: ApiCall) => void }>();
	const pollers = new Set<() => void>();
	let nextUpdateId = 1;
	let nextMessageId = 1;
	const state: { webhook: Emulator['webhook'] } = { webhook: null };
	const files = new Map<string, Uint8Array>();

	const record = (call: ApiCall) => {
		calls.push(call);
		for (const w of waiters)
			if (w.predicate(call)) {
				waiters.delete(w);
				w.resolve(call);
			}
	};

	const message = (payload: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
		message_id: nextMessageId++,
		date: Math.floor(Date.now() / 1000),
		chat: { id: Number(payload.chat_id), type: 'private' },
		from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name },
		...extra
	});

	async function answer(method: string, payload: Record<string, unknown>): Promise<unknown> {
		switch (method) {
			case 'getMe':
				return BOT_INFO;
			case 'getUpdates': {
				const offset = Number(payload.offset ?? 0);
				while (queue.length && Number(queue[0].update_id) < offset) queue.shift();
				if (!queue.length) {
					const wait = Math.min(Number(payload.timeout ?? 0), 1) * 1000;
					if (wait > 0) {
						await new Promise<void>((resolve) => {
							const done = () => {
								pollers.delete(done);
								clearTimeout(timer);
								resolve();
							};
							const timer = setTimeout(done, wait);
							pollers.add(done);
						});
					}
				}
				return queue.filter((u) => Number(u.update_id) >= offset).slice(0, Number(payload.limit ?? 100));
			}
			case 'setWebhook':
				state.webhook = {
					url: String(payload.url),
					secret_token: payload.secret_token as string | undefined
				};
				return true;
			case 'deleteWebhook':
				state.webhook = null;
				return true;
			case 'getWebhookInfo':
				return { url: state.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: 0 };
			case 'setMyCommands':
			case 'answerCallbackQuery':
			case 'deleteMessage':
				return true;
			case 'sendMessage':
				return message(payload, { text: payload.text });
			case 'editMessageText':
				return message(payload, { text: payload.text, message_id: Number(payload.message_id ?? 1) });
			case 'sendPhoto':
				return message(payload, {
					photo: [{ file_id: 'photo-1', file_unique_id: 'p1', width: 100, height: 100 }]
				});
			case 'getFile':
				return {
					file_id: payload.file_id,
					file_unique_id: 'u',
					file_size: files.get(String(payload.file_id))?.byteLength ?? 10,
					file_path: files.has(String(payload.file_id))
						? `files/${encodeURIComponent(String(payload.file_id))}`
						: 'photos/file_1.jpg'
				};
			default:
				throw Object.assign(new Error(`method ${method} not emulated`), { status: 404 });
		}
	}

	const server = http.createServer(async (req, res) => {
		const download = /^\/file\/bot([^/]+)\/files\/([^/]+)$/.exec(req.url ?? '');
		if (download) {
			const bytes = download[1] === token ? files.get(decodeURIComponent(download[2])) : undefined;
			res.writeHead(bytes ? 200 : 404, { 'content-type': 'application/octet-stream' });
			return res.end(bytes ? Buffer.from(bytes) : undefined);
		}
		const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? '');
		const reply = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (!match) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
		if (match[1] !== token) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
		const method = match[2];
		let payload: Record<string, unknown>;
		try {
			payload = await readBody(req);
		} catch {
			return reply(400, { ok: false, error_code: 400, description: 'Bad Request: cannot parse' });
		}
		const failure = failures.get(method);
		if (failure && failure.times > 0) {
			failure.times--;
			record({ method: `${method}:429`, payload, at: Date.now() });
			return reply(429, {
				ok: false,
				error_code: 429,
				description: `Too Many Requests: retry after ${failure.retryAfter}`,
				parameters: { retry_after: failure.retryAfter }
			});
		}
		try {
			const result = await answer(method, payload);
			if (method !== 'getUpdates' && method !== 'getMe') record({ method, payload, at: Date.now() });
			reply(200, { ok: true, result });
		} catch (error) {
			reply(404, { ok: false, error_code: 404, description: (error as Error).message });
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		apiRoot: `http://127.0.0.1:${port}`,
		token,
		calls,
		get webhook() {
			return state.webhook;
		},
		sent: (method, chatId) =>
			calls.filter(
				(c) => c.method === method && (chatId === undefined || String(c.payload.chat_id) === String(chatId))
			),
		push(update) {
			const id = Number(update.update_id ?? nextUpdateId);
			nextUpdateId = Math.max(nextUpdateId, id + 1);
			queue.push({ ...update, update_id: id });
			for (const wake of [...pollers]) wake();
			return id;
		},
		putFile(fileId, bytes) {
			files.set(fileId, bytes);
		},
		failNext(method, retryAfterSeconds, times = 1) {
			failures.set(method, { retryAfter: retryAfterSeconds, times });
		},
		waitFor(predicate, timeoutMs = 10_000) {
			const found = calls.find(predicate);
			if (found) return Promise.resolve(found);
			return new Promise((resolve, reject) => {
				const waiter = { predicate, resolve };
				waiters.add(waiter);
				setTimeout(() => {
					if (waiters.delete(waiter)) reject(new Error('emulator: expected call did not come'));
				}, timeoutMs);
			});
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const wake of [...pollers]) wake();
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

/** Builders of fake updates, as Telegram would send them. */
const asUpdate = (u: unknown) => u as Update;
let fakeUpdateId = 1_000_000;
export const updates = {
	text(chatId: number, text: string, options: { languageCode?: string; updateId?: number } = {}): Update {
		const entities = text.startsWith('/')
			? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0].length }]
			: undefined;
		return asUpdate({
			update_id: options.updateId ?? fakeUpdateId++,
			message: {
				message_id: fakeUpdateId,
				date: Math.floor(Date.now() / 1000),
				chat: { id: chatId, type: 'private', first_name: 'A' },
				from: { id: chatId, is_bot: false, first_name: 'A', language_code: options.languageCode },
				text,
				...(entities ? { entities } : {})
			}
		});
	},
	callback(chatId: number, data: string, options: { languageCode?: string; updateId?: number } = {}): Update {
		return asUpdate({
			update_id: options.updateId ?? fakeUpdateId++,
			callback_query: {
				id: String(fakeUpdateId),
				from: { id: chatId, is_bot: false, first_name: 'A', language_code: options.languageCode },
				chat_instance: 'ci',
				data,
				message: {
					message_id: 1,
					date: Math.floor(Date.now() / 1000),
					chat: { id: chatId, type: 'private', first_name: 'A' },
					from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name },
					text: '…'
				}
			}
		});
	},
	edited(chatId: number, text: string): Update {
		return asUpdate({
			update_id: fakeUpdateId++,
			edited_message: {
				message_id: 1,
				date: Math.floor(Date.now() / 1000),
				edit_date: Math.floor(Date.now() / 1000),
				chat: { id: chatId, type: 'private', first_name: 'A' },
				from: { id: chatId, is_bot: false, first_name: 'A' },
				text
			}
		});
	},
	photo(chatId: number, fileSize: number, fileId = 'f1', languageCode?: string): Update {
		return asUpdate({
			update_id: fakeUpdateId++,
			message: {
				message_id: fakeUpdateId,
				date: Math.floor(Date.now() / 1000),
				chat: { id: chatId, type: 'private', first_name: 'A' },
				from: { id: chatId, is_bot: false, first_name: 'A', language_code: languageCode },
				photo: [{ file_id: fileId, file_unique_id: 'u1', width: 1000, height: 1000, file_size: fileSize }]
			}
		});
	},
	document(
		chatId: number,
		file: { fileId: string; size: number; mime: string; name: string },
		languageCode?: string
	): Update {
		return asUpdate({
			update_id: fakeUpdateId++,
			message: {
				message_id: fakeUpdateId,
				date: Math.floor(Date.now() / 1000),
				chat: { id: chatId, type: 'private', first_name: 'A' },
				from: { id: chatId, is_bot: false, first_name: 'A', language_code: languageCode },
				document: {
					file_id: file.fileId,
					file_unique_id: `u-${file.fileId}`,
					file_name: file.name,
					mime_type: file.mime,
					file_size: file.size
				}
			}
		});
	}
};
