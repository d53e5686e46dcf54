-- city_sector_shares: the sectors of a city's latest inventory, largest first.
-- Grain: one row per sector (not 'total') of the latest year that has a sector breakdown; reported
-- figures are preferred to illustrative ones for the same year.
-- Parameters: $city_id BIGINT.
WITH by_sector AS (
    SELECT year, sector, emissions_tco2e, is_illustrative
    FROM emissions
    WHERE city_id = $city_id AND sector <> 'total' AND emissions_tco2e IS NOT NULL
),

chosen AS (
    SELECT year, is_illustrative
    FROM by_sector
    GROUP BY year, is_illustrative
    ORDER BY is_illustrative ASC, year DESC
    LIMIT 1
)

SELECT
    b.year,
    b.sector,
    sum(b.emissions_tco2e) AS emissions_tco2e,
    sum(b.emissions_tco2e) / sum(sum(b.emissions_tco2e)) OVER () AS share,
    b.is_illustrative
FROM by_sector AS b
JOIN chosen USING (year, is_illustrative)
GROUP BY b.year, b.sector, b.is_illustrative
ORDER BY emissions_tco2e DESC, b.sector
