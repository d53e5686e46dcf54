-- source_loads: what each loaded file gave (the open datasets at build, each imported file), with its credit.
-- Grain: one row per loaded file (source).
-- Parameters: none.
SELECT
    s.title AS "Source",
    s.publisher AS "Publisher",
    s.licence AS "Licence",
    l.rows_read AS "Rows read",
    l.entities AS "Places named",
    l.not_cities AS "Not cities (left out)",
    l.matched AS "Matched to a city",
    l.unmatched AS "Unmatched",
    l.emissions_rows AS "Emission rows",
    l.targets_rows AS "Target rows",
    s.citation AS "Credit",
    l.source_id
FROM source_loads AS l
JOIN sources AS s USING (source_id)
ORDER BY s.accessed, s.title
