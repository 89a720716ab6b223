/**
 * "N of M adopted or implemented" as a horizontal bar chart in SVG, rendered on the server (no
 * client JavaScript). Accessible: role="img" with <title> and <desc> naming every figure; the page
 * shows the same figures as a table. Colours are presentation attributes (the CSP forbids inline
 * styles), with text contrast above 4.5:1.
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

export function adoptionChartSvg(rows: readonly ChartRow[], text: ChartText, id = 'adoption-chart'): string {
	// Narrow enough for a phone at 1:1 scale: the label on its own line, the bar and value below.
	const width = 360;
	const valueWidth = 76;
	const barArea = width - valueWidth - 8;
	const rowHeight = 50;
	const height = rows.length * rowHeight + 4;
	const parts: string[] = [];
	parts.push(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" class="coalitions-chart">`,
		`<title id="${id}-title">${escapeXml(text.title)}</title>`,
		`<desc id="${id}-desc">${escapeXml(text.desc)}</desc>`
	);
	rows.forEach((row, i) => {
		const y = i * rowHeight;
		const share = row.total > 0 ? Math.min(1, row.adopted / row.total) : 0;
		const filled = Math.round(barArea * share);
		parts.push(
			`<g aria-hidden="true">`,
			`<text x="0" y="${y + 16}" font-size="14" fill="#1d1d1f">${escapeXml(row.label)}</text>`,
			`<rect x="0" y="${y + 24}" width="${barArea}" height="18" rx="3" fill="#eee7d6"/>`,
			filled > 0 ? `<rect x="0" y="${y + 24}" width="${filled}" height="18" rx="3" fill="#1f6f3f"/>` : '',
			`<text x="${barArea + 8}" y="${y + 38}" font-size="14" fill="#1d1d1f">${escapeXml(text.value(row))}</text>`,
			`</g>`
		);
	});
	parts.push('</svg>');
	return parts.join('');
}
