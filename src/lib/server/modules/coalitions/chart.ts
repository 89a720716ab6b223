/**
 * "N of M adopted or implemented" as a horizontal bar chart, rendered on the server (no client
 * JavaScript). The labels and figures are HTML text, so they wrap and are never clipped, whatever the
 * language or the screen (a label on its own line; the bar, then the figure, below it). Each bar is a
 * small SVG that stretches to the space left beside its figure; its length is the SVG's own geometry,
 * since the CSP forbids inline styles. Accessible: role="img" named by a title and a description that
 * give every figure; the page shows the same figures as a table. Colours keep text contrast above 4.5:1.
 */

export interface ChartRow {
	label: string;
	adopted: number;
	total: number;
}

export interface ChartText {
	title: string;
	/** Full text alternative, e.g. "Finance: 2 of 3 adopted or implemented. …". */
	desc: string;
	/** "2 of 3" for a row. */
	value: (row: ChartRow) => string;
}

const escapeXml = (s: string) =>
	s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function adoptionChart(rows: readonly ChartRow[], text: ChartText, id = 'adoption-chart'): string {
	const parts: string[] = [
		`<div class="coalitions-chart" role="img" aria-labelledby="${id}-title ${id}-desc">`,
		`<span class="visually-hidden" id="${id}-title">${escapeXml(text.title)}</span>`,
		`<span class="visually-hidden" id="${id}-desc">${escapeXml(text.desc)}</span>`
	];
	for (const row of rows) {
		const share = row.total > 0 ? Math.min(1, row.adopted / row.total) : 0;
		const filled = Math.round(1000 * share) / 10;
		parts.push(
			`<div class="coalitions-chart-row" aria-hidden="true">`,
			`<span class="coalitions-chart-label">${escapeXml(row.label)}</span>`,
			`<svg class="coalitions-chart-bar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 18" preserveAspectRatio="none" focusable="false">`,
			`<rect x="0" y="0" width="100" height="18" fill="#eee7d6"/>`,
			filled > 0 ? `<rect x="0" y="0" width="${filled}" height="18" fill="#1f6f3f"/>` : '',
			`</svg>`,
			`<span class="coalitions-chart-value">${escapeXml(text.value(row))}</span>`,
			`</div>`
		);
	}
	parts.push('</div>');
	return parts.join('');
}
