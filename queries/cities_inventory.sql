-- cities_inventory: the inventories of a set of cities (for the aggregate pathway), same rule as
-- city_inventory: per city, year and sector, reported over illustrative, then the latest import.
-- Grain: one row per city, year and sector.
-- Parameters: $city_ids BIGINT[].
SELECT e.city_id, e.year, e.sector, e.emissions_tco2e, e.is_illustrative, e.source_id
FROM emissions AS e
JOIN sources AS s USING (source_id)
WHERE list_contains($city_ids::BIGINT[], e.city_id) AND e.emissions_tco2e IS NOT NULL
QUALIFY row_number() OVER (
    PARTITION BY e.city_id, e.year, e.sector ORDER BY e.is_illustrative ASC, s.accessed DESC NULLS LAST, e.source_id
) = 1
ORDER BY e.city_id, e.year, e.sector
