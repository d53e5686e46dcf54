-- city_targets: every target a city has in the store, with its source.
-- Grain: one row per target.
-- Parameters: $city_id BIGINT.
SELECT
    t.target_id, t.kind, t.sector, t.scope, t.base_year, t.base_emissions_tco2e, t.target_year,
    t.reduction_pct, t.target_emissions_tco2e, t.status, t.data_kind, t.gas, t.boundary, t.flag, t.flag_reason,
    t.source_id, s.citation,
    s.publisher
FROM targets AS t
JOIN sources AS s USING (source_id)
WHERE t.city_id = $city_id
ORDER BY t.target_year, t.kind, t.target_id
