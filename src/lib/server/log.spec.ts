import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from './log';

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
