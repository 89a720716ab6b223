import type { PickedText } from '../../core/text';
import type { IndicatorStatus } from '../../core';
import type { ValueParts } from './schema';

/** What the impact module hands to pages, the API and exports. */

export interface StoryView {
	id: string;
	kind: string;
	country: string;
	title: PickedText;
	summary: PickedText | null;
	channels: string[];
	date: string;
	link: string | null;
	fileId: string | null;
	fileUrl: string | null;
	barrier: string | null;
	shopSlug: string | null;
	/** Named people: those who consented and chose to be public (coordinators of the country see all who consented). */
	people: { name: string; public: boolean }[];
	/** People featured who are not named here. */
	peopleNotNamed: number;
}

export interface ReachRowView {
	id: string;
	storyId: string | null;
	campaign: string | null;
	channel: string;
	country: string;
	period: string | null;
	impressions: number | null;
	reach: number | null;
	engagements: number | null;
	views: number | null;
	estimate: boolean;
	asReported: boolean;
	source: string;
}

export interface ReachTotal {
	key: string;
	impressions: number | null;
	reach: number | null;
	engagements: number | null;
	views: number | null;
	includesEstimates: boolean;
	includesAsReported: boolean;
}

export interface ReachReport {
	rows: ReachRowView[];
	byChannel: ReachTotal[];
	byCountry: ReachTotal[];
	/** Always false: reach is added over channels as reported, one person may be counted on several. */
	deduplicated: false;
	empty: boolean;
}

export interface ValueCell {
	dimension: string | null;
	dimensionValue: string | null;
	status: IndicatorStatus;
	value: number | null;
}

export interface ValueRowView {
	period: string;
	country: string;
	total: ValueCell;
	parts: ValueCell[];
	/** Dimensions whose parts do not add up to the total. */
	flags: string[];
	target: number | null;
	/** Coordinators only. */
	evidence: string | null;
	source: 'module' | 'entered';
}

export interface IndicatorValues {
	id: string;
	resultId: string;
	title: string;
	definition: string;
	unit: string;
	numericType: string;
	direction: string;
	moduleIndicator: string | null;
	dimensions: string[];
	baseline: { value: number; period: string | null } | null;
	targets: { period: string; country: string; value: number }[];
	rows: ValueRowView[];
}

export interface PendingValueView {
	id: string;
	indicatorId: string;
	indicator: string;
	period: string;
	country: string;
	total: number | null;
	parts: ValueParts;
	flags: string[];
	evidence: string;
	evidenceUrl: string | null;
	enteredByMe: boolean;
	enteredAt: string;
}

export interface SurveyItemResult {
	item: string;
	kind: string;
	label: string;
	waves: {
		waveId: string;
		kind: string;
		country: string;
		n: number | null;
		/** Counts per option; null where suppressed. */
		distribution: { option: string; label: string; count: number | null }[];
		mean: number | null;
		suppressed: boolean;
	}[];
	/** Endline − baseline, with its 95 % interval and the method used. */
	change: {
		method: 'welch' | 'paired';
		n1: number;
		n2: number;
		difference: number;
		low: number;
		high: number;
	} | null;
	/** Why there is no change figure: too few answers, no spread, or suppressed. */
	changeMissing: string | null;
}
