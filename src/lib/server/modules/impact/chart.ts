/**
 * Horizontal bar charts in SVG, rendered on the server (no client JavaScript), narrow enough for a
 * 360 px phone: the label on its own line, the bar and its value below, an optional target mark.
 * Accessible: role="img" with <title> and <desc> naming every figure; pages show the same figures as
 * a table twin. Colours are presentation attributes (the CSP forbids inline styles).
 */

export interface BarRow {
	label: string;
	/** null: no bar (suppressed, not available); `valueText` says why. */
	value: number | null;
	valueText: string;
	/** A target, drawn as a vertical mark. */
	target?: number | null;
}

const escapeXml = (s: string) =>
	s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function barChartSvg(
	rows: readonly BarRow[],
	text: { title: string; desc: string },
	id: string
): string {
	const width = 340;
	const valueWidth = 150;
	const barArea = width - valueWidth - 8;
	const rowHeight = 46;
	const height = rows.length * rowHeight + 4;
	const max = Math.max(1, ...rows.flatMap((r) => [r.value ?? 0, r.target ?? 0]));
	const parts: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-t ${id}-d" class="impact-chart">`,
		`<title id="${id}-t">${escapeXml(text.title)}</title><desc id="${id}-d">${escapeXml(text.desc)}</desc>`,
		'<g aria-hidden="true" font-size="13" fill="#1d1d1f">'
	];
	rows.forEach((row, i) => {
		const y = i * rowHeight;
		const w = row.value === null ? 0 : Math.round((barArea * Math.max(0, row.value)) / max);
		parts.push(
			`<text x="0" y="${y + 14}">${escapeXml(row.label.length > 48 ? row.label.slice(0, 47) + '…' : row.label)}</text>`,
			`<rect x="0" y="${y + 20}" width="${barArea}" height="16" fill="#eee7d6"/>`,
			w > 0 ? `<rect x="0" y="${y + 20}" width="${w}" height="16" fill="#1f6f3f"/>` : '',
			row.target != null
				? `<rect x="${Math.min(barArea - 2, Math.round((barArea * row.target) / max))}" y="${y + 17}" width="3" height="22" fill="#8a2c0d"/>`
				: '',
			`<text x="${barArea + 6}" y="${y + 33}">${escapeXml(row.valueText)}</text>`
		);
	});
	parts.push('</g></svg>');
	return parts.join('');
}
