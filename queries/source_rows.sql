-- source_rows: every source with its licence, credit and how many rows of each table cite it.
-- Grain: one row per source.
-- Parameters: none.
WITH further_pages_of_practices AS (  -- practices.other_urls: further pages a row's facts come from
    SELECT s.source_id FROM (SELECT unnest(other_urls) AS url FROM practices) AS o JOIN sources AS s USING (url)
),

further_pages_of_funding AS (  -- funding.other_urls
    SELECT s.source_id FROM (SELECT unnest(other_urls) AS url FROM funding) AS o JOIN sources AS s USING (url)
),

cited AS (
    SELECT source_id, 'cities' AS table_name FROM cities
    UNION ALL SELECT source_id, 'memberships' FROM memberships
    UNION ALL SELECT source_id, 'emissions' FROM emissions
    UNION ALL SELECT source_id, 'targets' FROM targets
    UNION ALL SELECT source_id, 'practices' FROM practices
    UNION ALL SELECT source_id, 'funding' FROM funding
    UNION ALL SELECT further.source_id, 'practices' FROM further_pages_of_practices AS further
    UNION ALL SELECT further.source_id, 'funding' FROM further_pages_of_funding AS further
    UNION ALL SELECT source_id, 'countries' FROM countries
    UNION ALL SELECT source_id, 'regions' FROM regions
    UNION ALL SELECT source_id, 'country_outlines' FROM country_outlines
),

counts AS (
    SELECT source_id, count(*) AS rows_cited,
           string_agg(DISTINCT table_name, ', ' ORDER BY table_name) AS tables
    FROM cited
    GROUP BY source_id
)

SELECT
    s.source_id,
    s.title,
    s.publisher,
    s.licence,
    s.citation,
    s.url,
    s.accessed,
    coalesce(c.rows_cited, 0) AS rows_cited,
    c.tables,
    starts_with(s.source_id, 'import-') AS is_import
FROM sources AS s
LEFT JOIN counts AS c USING (source_id)
ORDER BY is_import DESC, rows_cited DESC, s.source_id
