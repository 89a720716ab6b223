import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeError, log } from './log';

describe('log', () => {
	afterEach(() => vi.restoreAllMocks());

	it('redacts fields that may hold secrets or personal data, at any depth', () => {
		const lines: string[] = [];
		vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
			lines.push(String(chunk));
			return true;
		});
		log.warn('sign-in failed', {
			email: 'a@example.org',
			nested: { password: 'p4ss', phoneNumber: '+996555' },
			route: '/en/auth'
		});
		const entry = JSON.parse(lines[0]);
		expect(entry).toMatchObject({
			level: 'warn',
			msg: 'sign-in failed',
			email: '[redacted]',
			route: '/en/auth'
		});
		expect(entry.nested).toEqual({ password: '[redacted]', phoneNumber: '[redacted]' });
		expect(lines[0]).not.toContain('a@example.org');
	});
});

describe('log values', () => {
	afterEach(() => vi.restoreAllMocks());
	const capture = () => {
		const lines: string[] = [];
		vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
			lines.push(String(chunk));
			return true;
		});
		return lines;
	};

	it('scrubs e-mails, phone numbers, tokens and secret paths from any string value', () => {
		const lines = capture();
		log.error('failed for marked.person@example.org', {
			note: 'call +996 700 987 654 or 0700987654, token Zk3pQ9xY2mW8vT5rL1nB7cD4',
			path: '/programs/calendar/Zk3pQ9xY2mW8vT5rL1nB7cD4.ics',
			date: '2026-12-01',
			route: '/[locale=locale]/coalitions/[slug]'
		});
		const text = lines.join('');
		for (const value of ['marked.person', '987 654', '0700987654', 'Zk3pQ9xY2mW8vT5rL1nB7cD4'])
			expect(text).not.toContain(value);
		const entry = JSON.parse(lines[0]);
		expect(entry.path).toBe('/programs/calendar/[token]');
		expect(entry.date).toBe('2026-12-01');
		expect(entry.route).toBe('/[locale=locale]/coalitions/[slug]');
	});

	it('describes a failed query by code, constraint and table, never its text or parameters', () => {
		const cause = Object.assign(new Error('duplicate key value violates unique constraint'), {
			code: '23505',
			constraint: 'auth_user_email_unique',
			table: 'auth_user',
			detail: 'Key (email)=(marked.person@example.org) already exists.'
		});
		const error = Object.assign(
			new Error(
				'Failed query: insert into "auth_user" ... \nparams: Markedname,marked.person@example.org,+996700987654'
			),
			{ name: 'DrizzleQueryError', cause, params: ['Markedname', 'marked.person@example.org'] }
		);
		expect(describeError(error)).toEqual({
			name: 'DatabaseError',
			sqlState: '23505',
			constraint: 'auth_user_email_unique',
			table: 'auth_user'
		});
		const lines = capture();
		log.error('server error', { error });
		expect(lines.join('')).not.toMatch(/Markedname|marked\.person|996700987654|Failed query/);
	});
});
