import { randomUUID } from 'node:crypto';
import type { Seed } from '../../core/registry';
import { parseInput } from '../../core';
import { programInput } from './inputs';
import { rowBySlug, updateProgramRow } from './queries';
import { normalise, writeProgram } from './records';
import data from '../../../../../seed/programs.json';

interface SeedProgram {
	slug: string;
	country: string;
	countries?: string[];
	kind: string[];
	title: Record<string, string>;
	summary: Record<string, string>;
	operator: string | null;
	womenSpecific: boolean;
	status: string;
	terms: Record<string, unknown> | null;
	eligibility: { field: string; op: string; value?: unknown; note?: string }[];
	eligibilityText: string | null;
	uptake?: string | null;
	sources: { url: string | null; publisher: string | null; date: string | null; note?: string }[];
	officialUrl: string | null;
	verification: string;
	reviewedOn: string | null;
}

/** The seed's entries as program input (the English source wording is stored as English text). */
export function seedPrograms() {
	return (data.programs as unknown as SeedProgram[]).map((p) => ({
		input: {
			slug: p.slug,
			country: p.country,
			countries: p.countries ?? [],
			kinds: p.kind,
			title: p.title,
			summary: p.summary,
			eligibilityText: p.eligibilityText ? { en: p.eligibilityText } : {},
			operator: p.operator,
			womenSpecific: p.womenSpecific,
			status: p.status,
			terms: p.terms ?? {},
			criteria: p.eligibility,
			sources: p.sources,
			officialUrl: p.officialUrl,
			verification: p.verification,
			reviewedOn: p.reviewedOn
		},
		uptake: p.uptake ? { en: p.uptake } : {}
	}));
}

/**
 * Every program of seed/programs.json, published, with its slug, sources and verification. Terms the
 * data leaves out stay null (unknown). Re-running updates the entries by slug.
 */
export const programsSeed: Seed = {
	name: 'programs.reference',
	version: '1',
	kind: 'reference',
	async run(ctx) {
		for (const { input, uptake } of seedPrograms()) {
			const values = normalise(parseInput(programInput, input));
			const existing = await rowBySlug(ctx, values.slug);
			const id = existing?.id ?? randomUUID();
			await writeProgram(ctx, id, { ...values, publication: 'published' }, existing, 'seed');
			await updateProgramRow(ctx, id, { uptake });
		}
	}
};
