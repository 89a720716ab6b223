import path from 'node:path';
import { Linter } from 'eslint';
import ts from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import birge from './boundaries.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const linter = new Linter({ configType: 'flat' });
const config = [
	{
		files: ['**/*.ts'],
		languageOptions: { parser: ts.parser },
		plugins: { birge },
		rules: { 'birge/boundaries': 'error' }
	}
];

/** The boundary messages for one import written in the file at `file` (relative to the repository). */
function lint(file: string, code: string): string[] {
	return linter.verify(code, config as never, { filename: path.join(ROOT, file) }).map((m) => m.message);
}

describe('module boundaries (lint)', () => {
	it("refuses a module reaching into another module's files", () => {
		const found = lint(
			'src/lib/server/modules/programs/reminders.ts',
			"import { authUser } from '../accounts/schema';"
		);
		expect(found).toEqual([
			"Module 'programs' reaches into 'accounts/schema': import 'accounts' through its index.ts."
		]);
	});

	it("allows another module's index, the module's own files, and a schema's foreign key", () => {
		expect(lint('src/lib/server/modules/programs/x.ts', "import { accounts } from '../accounts';")).toEqual(
			[]
		);
		expect(lint('src/lib/server/modules/programs/a/b.ts', "import { q } from '../queries';")).toEqual([]);
		expect(
			lint('src/lib/server/modules/programs/schema.ts', "import { authUser } from '../accounts/schema';")
		).toEqual([]);
		expect(lint('src/lib/server/db/schema.ts', "export * from '../modules/programs/schema';")).toEqual([]);
	});

	it('refuses core importing any module', () => {
		expect(
			lint('src/lib/server/core/jobs.ts', "import { programs } from '#lib/server/modules/programs';")
		).toHaveLength(1);
		expect(
			lint(
				'src/lib/server/core/x.integration.spec.ts',
				"import { programs } from '#lib/server/modules/programs';"
			)
		).toEqual([]);
		expect(
			lint(
				'src/lib/server/core/x.integration.spec.ts',
				"import { q } from '#lib/server/modules/programs/queries';"
			)
		).toHaveLength(1);
	});

	it('refuses callers reaching past index.ts', () => {
		expect(
			lint('src/routes/x/+page.server.ts', "import { q } from '#lib/server/modules/programs/queries';")
		).toHaveLength(1);
		expect(
			lint('scripts/birge.ts', "import { x } from '../src/lib/server/modules/accounts/service';")
		).toHaveLength(1);
		expect(lint('bench/programs/run.ts', "import { programs } from '#lib/server/modules/programs';")).toEqual(
			[]
		);
	});

	it('lets UI import only types from a module index', () => {
		const ui = 'src/lib/components/Card.svelte.ts';
		expect(lint(ui, "import type { Evidence } from '#lib/server/modules/coalitions';")).toEqual([]);
		expect(lint(ui, "import { coalitions } from '#lib/server/modules/coalitions';")).toHaveLength(1);
		expect(lint(ui, "import type { Evidence } from '#lib/server/modules/coalitions/service';")).toHaveLength(
			1
		);
		expect(lint(ui, "import { log } from '#lib/server/log';")).toHaveLength(1);
	});
});
