-- sources: the credit lines for a set of sources, for the source line under a view.
-- Grain: one row per source.
-- Parameters: $source_ids VARCHAR[] (sources.source_id); an empty list returns every source.
SELECT source_id, title, publisher, url, licence, accessed, citation
FROM sources
WHERE len($source_ids::VARCHAR[]) = 0 OR list_contains($source_ids::VARCHAR[], source_id)
ORDER BY source_id
