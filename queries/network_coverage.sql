-- network_coverage: how much of each network the store holds, against the size the network itself announces.
-- Grain: one row per network (reference lists last).
-- Parameters: none.
SELECT
    n.network_id,
    n.name,
    n.short_name,
    n.is_reference,
    count(m.city_id) AS members_in_store,
    n.announced_size,
    n.announced_size_text,
    s.title AS announced_size_source,
    s.url AS announced_size_url,
    s.citation AS announced_size_citation,
    n.coverage,
    n.notes,
    count(m.cohort) AS members_with_cohort,
    list(DISTINCT m.cohort ORDER BY m.cohort) FILTER (WHERE m.cohort IS NOT NULL) AS cohorts
FROM networks AS n
LEFT JOIN memberships AS m USING (network_id)
LEFT JOIN sources AS s ON s.source_id = n.announced_size_source_id
GROUP BY ALL
ORDER BY n.is_reference, n.network_id
