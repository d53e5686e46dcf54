-- unmatched_places: the rows of loaded files whose place matched no single GeoNames city, with why.
-- Grain: one row per file line.
-- Parameters: none.
SELECT
    s.title AS "Source",
    u.line AS "Line",
    u.name AS "Place as written",
    u.country AS "Country",
    u.reason AS "Why not matched"
FROM unmatched_places AS u
JOIN sources AS s USING (source_id)
ORDER BY s.title, u.line
