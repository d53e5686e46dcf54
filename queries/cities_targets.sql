-- cities_targets: the targets of a set of cities (for the aggregate pathway).
-- Grain: one row per target.
-- Parameters: $city_ids BIGINT[].
SELECT
    t.city_id, t.target_id, t.kind, t.sector, t.base_year, t.base_emissions_tco2e, t.target_year,
    t.reduction_pct, t.target_emissions_tco2e, t.data_kind, t.gas, t.boundary, t.flag, t.source_id
FROM targets AS t
WHERE list_contains($city_ids::BIGINT[], t.city_id)
ORDER BY t.city_id, t.target_year, t.target_id
