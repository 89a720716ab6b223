import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '#lib/server/testing';
import { httpUrl, isHttpUrl, parseInput } from '#lib/server/core';
import { rowsOf } from '#lib/server/db';

/** Migration 0011 on both engines: links of another scheme are cleared and reported, http(s) kept. */
let db: TestDb;
beforeAll(async () => {
	db = await createTestDb({ seed: true, demo: true });
});
afterAll(async () => db?.close());

async function rerunMigration() {
	const text = fs.readFileSync('drizzle/0011_links_http_only.sql', 'utf8');
	for (const statement of text.split('--> statement-breakpoint'))
		await db.handle.db.execute(sql.raw(statement));
}

describe('links are http(s) only', () => {
	it('the zod helper refuses javascript:, data: and bare words', () => {
		for (const bad of [
			'javascript:alert(1)',
			' JavaScript:alert(1)',
			'data:text/html,x',
			'vbscript:x',
			'www.x'
		])
			expect(() => parseInput(httpUrl(), bad)).toThrow(expect.objectContaining({ code: 'INVALID' }));
		expect(parseInput(httpUrl(), ' https://gov.kg/a ')).toBe('https://gov.kg/a');
		expect(isHttpUrl('http://x.kg')).toBe(true);
		expect(isHttpUrl('javascript:x')).toBe(false);
	});

	it("no module's input takes a link through z.url(), which accepts javascript:", () => {
		const offenders: string[] = [];
		const walk = (dir: string) => {
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				const full = `${dir}/${entry.name}`;
				if (entry.isDirectory()) walk(full);
				else if (/\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name)) {
					const text = fs.readFileSync(full, 'utf8');
					if (/z\.url\(|\.url\(\)/.test(text)) offenders.push(full);
				}
			}
		};
		walk('src/lib/server/modules');
		expect(offenders).toEqual([]);
	});

	it('the migration clears other schemes in programs and care sources, and reports each', async () => {
		const [p] = rowsOf<{ id: string; sources: { url: string | null }[] }>(
			await db.handle.db.execute(sql`select id, sources from programs_program order by id limit 1`)
		);
		const [c] = rowsOf<{ id: string }>(await db.handle.db.execute(sql`select id from care_service limit 1`));
		const good = 'https://example.org/program';
		await db.handle.db.execute(sql`
			update programs_program set
				sources = ${JSON.stringify([
					{ url: 'javascript:alert(document.cookie)', title: 'x' },
					{ url: good, title: 'y' }
				])}::jsonb,
				official_url = 'data:text/html,<script>1</script>'
			where id = ${p.id}`);
		await db.handle.db.execute(
			sql`update care_service set sources = ${JSON.stringify([{ url: 'vbscript:x', note: 'n' }])}::jsonb where id = ${c.id}`
		);
		await rerunMigration();
		const [after] = rowsOf<{ sources: { url: string | null }[]; official_url: string | null }>(
			await db.handle.db.execute(sql`select sources, official_url from programs_program where id = ${p.id}`)
		);
		expect(after.sources.map((s) => s.url)).toEqual([null, good]);
		expect(after.official_url).toBeNull();
		const [care] = rowsOf<{ sources: { url: string | null }[] }>(
			await db.handle.db.execute(sql`select sources from care_service where id = ${c.id}`)
		);
		expect(care.sources[0].url).toBeNull();
		const reports = rowsOf<{ entity: string; after: { field: string; scheme: string } }>(
			await db.handle.db.execute(
				sql`select entity, after from core_audit_log where action = 'security.link_cleared' order by id`
			)
		);
		expect(reports.map((r) => `${r.entity}.${r.after.field}:${r.after.scheme}`).sort()).toEqual([
			'care_service.sources:vbscript',
			'program.official_url:data',
			'program.sources:javascript'
		]);
		expect(JSON.stringify(reports)).not.toContain('alert');
	});
});
