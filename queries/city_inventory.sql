-- city_inventory: a city's inventory, one figure per year and sector.
-- Grain: one row per year and sector. Where several sources give the same year and sector, reported figures
-- supersede illustrative ones, then the most recently imported source wins (both stay in the store).
-- Parameters: $city_id BIGINT.
SELECT
    e.year,
    e.sector,
    e.emissions_tco2e,
    e.is_illustrative,
    e.boundary,
    e.reported_value,
    e.reported_unit,
    e.source_id,
    s.citation,
    s.publisher
FROM emissions AS e
JOIN sources AS s USING (source_id)
WHERE e.city_id = $city_id AND e.emissions_tco2e IS NOT NULL
QUALIFY row_number() OVER (
    PARTITION BY e.year, e.sector ORDER BY e.is_illustrative ASC, s.accessed DESC NULLS LAST, e.source_id
) = 1
ORDER BY e.year, e.sector
