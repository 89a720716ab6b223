-- Issue 9: links are http: or https: only. Existing rows holding any other scheme (javascript:,
-- data:, vbscript:, file:…) are cleared, and each one is reported in core_audit_log as
-- 'security.link_cleared' with the table, the field and the scheme (never the link itself).
-- The coalitions timeline is append-only: its evidence links are reported, not changed (the API and
-- pages hand on http(s) links only). PostgreSQL 15 and PGlite; idempotent.
INSERT INTO core_audit_log (action, entity, entity_id, after)
SELECT 'security.link_cleared', 'program', p.id,
	jsonb_build_object('field', 'sources', 'scheme', lower(split_part(trim(s.elem->>'url'), ':', 1)))
FROM programs_program p, jsonb_array_elements(p.sources) AS s(elem)
WHERE jsonb_typeof(s.elem->'url') = 'string' AND (s.elem->>'url') !~* '^https?://';
--> statement-breakpoint
UPDATE programs_program p SET sources = (
	SELECT coalesce(jsonb_agg(
		CASE WHEN jsonb_typeof(x.e->'url') = 'string' AND (x.e->>'url') !~* '^https?://'
			THEN jsonb_set(x.e, '{url}', 'null'::jsonb) ELSE x.e END ORDER BY x.o), '[]'::jsonb)
	FROM jsonb_array_elements(p.sources) WITH ORDINALITY AS x(e, o))
WHERE EXISTS (
	SELECT 1 FROM jsonb_array_elements(p.sources) AS s(elem)
	WHERE jsonb_typeof(s.elem->'url') = 'string' AND (s.elem->>'url') !~* '^https?://');
--> statement-breakpoint
INSERT INTO core_audit_log (action, entity, entity_id, after)
SELECT 'security.link_cleared', 'program', id,
	jsonb_build_object('field', 'official_url', 'scheme', lower(split_part(trim(official_url), ':', 1)))
FROM programs_program WHERE official_url IS NOT NULL AND official_url !~* '^https?://';
--> statement-breakpoint
UPDATE programs_program SET official_url = NULL
WHERE official_url IS NOT NULL AND official_url !~* '^https?://';
--> statement-breakpoint
INSERT INTO core_audit_log (action, entity, entity_id, after)
SELECT 'security.link_cleared', 'care_service', c.id,
	jsonb_build_object('field', 'sources', 'scheme', lower(split_part(trim(s.elem->>'url'), ':', 1)))
FROM care_service c, jsonb_array_elements(c.sources) AS s(elem)
WHERE jsonb_typeof(s.elem->'url') = 'string' AND (s.elem->>'url') !~* '^https?://';
--> statement-breakpoint
UPDATE care_service c SET sources = (
	SELECT coalesce(jsonb_agg(
		CASE WHEN jsonb_typeof(x.e->'url') = 'string' AND (x.e->>'url') !~* '^https?://'
			THEN jsonb_set(x.e, '{url}', 'null'::jsonb) ELSE x.e END ORDER BY x.o), '[]'::jsonb)
	FROM jsonb_array_elements(c.sources) WITH ORDINALITY AS x(e, o))
WHERE EXISTS (
	SELECT 1 FROM jsonb_array_elements(c.sources) AS s(elem)
	WHERE jsonb_typeof(s.elem->'url') = 'string' AND (s.elem->>'url') !~* '^https?://');
--> statement-breakpoint
INSERT INTO core_audit_log (action, entity, entity_id, after)
SELECT 'security.link_cleared', 'coalitions_source', key,
	jsonb_build_object('field', 'url', 'scheme', lower(split_part(trim(url), ':', 1)))
FROM coalitions_source WHERE url IS NOT NULL AND url !~* '^https?://';
--> statement-breakpoint
UPDATE coalitions_source SET url = NULL WHERE url IS NOT NULL AND url !~* '^https?://';
--> statement-breakpoint
INSERT INTO core_audit_log (action, entity, entity_id, after)
SELECT 'security.link_reported', 'coalitions_timeline_entry', id,
	jsonb_build_object('field', 'evidence_url', 'scheme', lower(split_part(trim(evidence_url), ':', 1)))
FROM coalitions_timeline_entry WHERE evidence_url IS NOT NULL AND evidence_url !~* '^https?://';
