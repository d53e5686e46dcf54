-- cities_inventory: the emissions figures of a set of cities (aggregate pathway, Compare), source by source,
-- as city_inventory: components/inventory.py chooses each city's one series.
-- Grain: one row per city, year, sector and source.
-- Parameters: $city_ids BIGINT[].
SELECT
    e.city_id, e.year, e.sector, e.emissions_tco2e, e.data_kind, e.gas, e.boundary, e.source_id, s.publisher, e.flag
FROM emissions AS e
JOIN sources AS s USING (source_id)
WHERE list_contains($city_ids::BIGINT[], e.city_id) AND e.emissions_tco2e IS NOT NULL
ORDER BY e.city_id, e.source_id, e.year, e.sector
