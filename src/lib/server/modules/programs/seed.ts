import { randomUUID } from 'node:crypto';
import type { Seed } from '../../core/registry';
import { parseInput } from '../../core';
import { programInput } from './inputs';
import { humanChangedFields, rowBySlug, updateProgramRow, type ProgramRow } from './queries';
import { normalise, writeProgram } from './records';
import data from '../../../../../seed/programs.json';

interface SeedProgram {
	slug: string;
	country: string;
	countries?: string[];
	regions?: string[];
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
	/** Version 2: whether the sources list every condition. */
	criteriaComplete: boolean;
	note?: string;
}

/** The seed's entries as program input (the English source wording is stored as English text). */
export function seedPrograms() {
	return (data.programs as unknown as SeedProgram[]).map((p) => ({
		input: {
			slug: p.slug,
			country: p.country,
			countries: p.countries ?? [],
			regions: p.regions ?? [],
			kinds: p.kind,
			title: p.title,
			summary: p.summary,
			body: p.note ? { en: p.note } : {},
			eligibilityText: p.eligibilityText ? { en: p.eligibilityText } : {},
			operator: p.operator,
			womenSpecific: p.womenSpecific,
			status: p.status,
			terms: p.terms ?? {},
			criteria: p.eligibility,
			criteriaComplete: p.criteriaComplete,
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
 * data leaves out stay null (unknown); contacts and application windows stay empty until a source
 * gives them. Re-running (a new version of the data) updates the entries by slug, except the fields
 * a person has changed since (edits and confirmations in the program's history are kept).
 */
export const programsSeed: Seed = {
	name: 'programs.reference',
	version: '2',
	kind: 'reference',
	async run(ctx) {
		for (const { input, uptake } of seedPrograms()) {
			const values = normalise(parseInput(programInput, input));
			const existing = await rowBySlug(ctx, values.slug);
			const id = existing?.id ?? randomUUID();
			const kept = existing ? await humanChangedFields(ctx, id) : new Set<string>();
			const merged: Record<string, unknown> = { ...values, publication: 'published' };
			for (const field of kept)
				if (existing && field in existing) merged[field] = existing[field as keyof ProgramRow];
			if (existing && kept.has('deadlines')) merged.lastDeadline = existing.lastDeadline;
			await writeProgram(
				ctx,
				id,
				merged as typeof values & { publication: 'published' },
				existing,
				'seed',
				kept.size ? `kept as edited: ${[...kept].sort().join(', ')}` : undefined
			);
			await updateProgramRow(ctx, id, { uptake });
		}
	}
};
