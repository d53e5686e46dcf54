-- city_sector_shares: the sectors of a city's latest inventory with a sector breakdown, largest first.
-- Grain: one row per sector (not 'total') of one source and year: reported figures before modelled before
-- illustrative, then the latest year, then the source id. Sources are never summed together; flagged figures
-- (data/checks.py) are left out.
-- Parameters: $city_id BIGINT.
WITH by_sector AS (
    SELECT year, sector, emissions_tco2e, data_kind, source_id
    FROM emissions
    WHERE city_id = $city_id AND sector <> 'total' AND emissions_tco2e IS NOT NULL AND flag IS NULL
),

chosen AS (
    SELECT year, source_id
    FROM by_sector
    GROUP BY year, source_id, data_kind
    ORDER BY CASE data_kind WHEN 'reported' THEN 0 WHEN 'modelled' THEN 1 ELSE 2 END, year DESC, source_id
    LIMIT 1
)

SELECT
    b.year,
    b.sector,
    sum(b.emissions_tco2e) AS emissions_tco2e,
    sum(b.emissions_tco2e) / sum(sum(b.emissions_tco2e)) OVER () AS share,
    any_value(b.data_kind) AS data_kind,
    b.source_id
FROM by_sector AS b
JOIN chosen USING (year, source_id)
GROUP BY b.year, b.sector, b.source_id
ORDER BY emissions_tco2e DESC, b.sector
