-- flagged_figures: every emissions total and target that failed a plausibility check (data/checks.py), with why.
-- Grain: one row per flagged emissions row of sector total (or, for sector-only sources, per source and year)
-- and per flagged target.
-- Parameters: none.
WITH flagged_emissions AS (
    SELECT
        e.city_id, e.source_id, e.year, 'emissions' AS what, e.data_kind,
        sum(e.emissions_tco2e) FILTER (WHERE e.sector = 'total') AS stated,
        sum(e.emissions_tco2e) AS summed,
        any_value(e.flag) AS flag, any_value(e.flag_reason) AS flag_reason
    FROM emissions AS e
    WHERE e.flag IS NOT NULL
    GROUP BY e.city_id, e.source_id, e.year, e.data_kind
),

flagged_targets AS (
    SELECT
        t.city_id, t.source_id, t.base_year AS year, 'target: ' || t.kind || ' by ' || t.target_year AS what,
        t.data_kind, t.base_emissions_tco2e AS stated, NULL AS summed, t.flag, t.flag_reason
    FROM targets AS t
    WHERE t.flag IS NOT NULL
),

both_kinds AS (
    SELECT * FROM flagged_emissions
    UNION ALL
    SELECT * FROM flagged_targets
)

SELECT
    c.name AS "City",
    co.name AS "Country",
    s.title AS "Source",
    b.year AS "Year",
    b.what AS "Figure",
    b.data_kind AS "Kind",
    coalesce(b.stated, b.summed) AS "Value (t)",
    coalesce(b.stated, b.summed) / nullif(c.population, 0) AS "Per person (t)",
    b.flag AS "Check",
    b.flag_reason AS "Why",
    b.city_id AS "GeoNames id"
FROM both_kinds AS b
JOIN cities AS c USING (city_id)
JOIN countries AS co ON co.iso3 = c.country_iso3
JOIN sources AS s ON s.source_id = b.source_id
ORDER BY "Check", "Source", "City", "Year"
