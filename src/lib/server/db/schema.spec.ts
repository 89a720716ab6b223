import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as barrel from './schema';

// `export *` drops a name two files both export, silently: the table would vanish from Drizzle and
// drizzle-kit (a migration would then drop it). Every file's exports must reach the barrel.
describe('the schema barrel', () => {
	it('exports every table of every schema file (no name exported twice)', async () => {
		const source = fs.readFileSync(path.join(import.meta.dirname, 'schema.ts'), 'utf8');
		const files = [...source.matchAll(/export \* from '([^']+)'/g)].map((m) => m[1]);
		expect(files.length).toBeGreaterThan(5);
		const seen = new Map<string, string>();
		const twice: string[] = [];
		for (const file of files) {
			const mod = await import(/* @vite-ignore */ path.join(import.meta.dirname, `${file}.ts`));
			for (const name of Object.keys(mod)) {
				if (seen.has(name)) twice.push(`${name} (${seen.get(name)} and ${file})`);
				else seen.set(name, file);
			}
		}
		expect(twice).toEqual([]);
		expect(Object.keys(barrel).length).toBe(seen.size);
	});
});
