import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code (*.spec.ts); integration tests (*.integration.spec.ts) run module
// services on an in-memory PGlite, or on PostgreSQL when DATABASE_URL is set; end-to-end journeys
// (e2e/*.e2e.ts) drive Debian's Chromium against the built server.
export default defineConfig({
	test: {
		// A test that asserts nothing fails (every project inherits this).
		expect: { requireAssertions: true },
		projects: [
			{
				test: {
					name: 'unit',
					include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts', 'eslint/**/*.spec.ts'],
					exclude: ['src/**/*.integration.spec.ts'],
					environment: 'node'
				}
			},
			{
				test: {
					name: 'integration',
					include: ['src/**/*.integration.spec.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 120_000,
					// One database per file; files in parallel would share a PostgreSQL database.
					fileParallelism: false
				}
			},
			{
				test: {
					name: 'e2e',
					include: ['e2e/**/*.e2e.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 180_000,
					fileParallelism: false
				}
			}
		]
	}
});
