import fs from 'node:fs';
import path from 'node:path';
import { log } from '#lib/server/log';

/**
 * How one-time codes (SMS) and account e-mails leave Birge. Pluggable: development senders write to
 * the log or to a file in the data directory; production plugs an SMS gateway and SMTP here.
 */
export interface OutgoingSms {
	to: string;
	text: string;
	/** Present for one-time codes, so development tools and tests can read the code. */
	code?: string;
}

export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
	/** Present for reset links, so development tools and tests can follow them. */
	url?: string;
	/** Present for sign-in codes, so development tools and tests can read them. */
	code?: string;
}

/** A message to a Telegram chat (plain text; a link as its own line). */
export interface OutgoingTelegram {
	chatId: string;
	text: string;
	/** Inline buttons, rows of { text, data }; data carries ids only (at most 64 bytes). */
	buttons?: { text: string; data: string }[][];
}

export interface Sender {
	sendSms(message: OutgoingSms): Promise<void>;
	sendMail(message: OutgoingMail): Promise<void>;
	/** Present when a Telegram bot is configured (TELEGRAM_BOT_TOKEN); paced within Telegram's limits. */
	sendTelegram?(message: OutgoingTelegram): Promise<void>;
	/**
	 * How SMS leave: `gateway` (a provider; the default for a Sender that does not say), `development`
	 * (the log, the outbox file, memory: codes a developer reads) or `none` (codes cannot be sent).
	 * Decides whether phone sign-in is offered first, second or not at all (accounts.signInMethods).
	 */
	readonly smsChannel?: 'gateway' | 'development' | 'none';
	/** Present with sendTelegram: the bytes of a file a chat sent (Telegram's getFile; at most 20 MB). */
	fetchTelegramFile?(fileId: string): Promise<Uint8Array>;
}

/** Writes messages to the log. The log is the developer's console: codes appear there on purpose. */
export function logSender(): Sender {
	return {
		smsChannel: 'development',
		async sendSms(message) {
			process.stdout.write(`[dev sms] to ${message.to}: ${message.text}\n`);
		},
		async sendMail(message) {
			process.stdout.write(`[dev mail] to ${message.to}: ${message.subject}\n${message.text}\n`);
		}
	};
}

/** Appends JSON lines to `<dataDir>/outbox.jsonl` (mode 600), read by e2e tests and developers. */
export function fileSender(dataDir: string): Sender {
	const file = path.join(dataDir, 'outbox.jsonl');
	const append = (entry: object) => {
		fs.mkdirSync(dataDir, { recursive: true });
		fs.appendFileSync(file, JSON.stringify({ at: new Date().toISOString(), ...entry }) + '\n', {
			mode: 0o600
		});
	};
	return {
		smsChannel: 'development',
		async sendSms(message) {
			append({ kind: 'sms', ...message });
		},
		async sendMail(message) {
			append({ kind: 'mail', ...message });
		}
	};
}

/** In-memory sender for tests. */
export function memorySender(): Sender & {
	sms: OutgoingSms[];
	mail: OutgoingMail[];
	telegram: OutgoingTelegram[];
} {
	const sms: OutgoingSms[] = [];
	const mail: OutgoingMail[] = [];
	const telegram: OutgoingTelegram[] = [];
	return {
		sms,
		mail,
		telegram,
		smsChannel: 'development',
		async sendTelegram(message) {
			telegram.push(message);
		},
		async sendSms(message) {
			sms.push(message);
		},
		async sendMail(message) {
			mail.push(message);
		}
	};
}

/**
 * An SMS gateway is an HTTP call specific to a provider; plug one in by implementing `Sender`.
 * Until then, production without one refuses to pretend: codes cannot be sent.
 */
export function unavailableSmsSender(mail: Sender['sendMail']): Sender {
	return {
		smsChannel: 'none',
		async sendSms() {
			log.error('no SMS gateway configured: one-time code not sent');
			throw new Error('SMS gateway not configured');
		},
		sendMail: mail
	};
}

/** SMTP e-mail (SMTP_URL, e.g. smtp://user:pass@host:587); SMS needs a gateway (see above). */
export async function smtpSender(smtpUrl: string, from: string): Promise<Sender> {
	const { createTransport } = await import('nodemailer');
	const transport = createTransport(smtpUrl);
	const sendMail: Sender['sendMail'] = async (message) => {
		await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
	};
	return unavailableSmsSender(sendMail);
}
