-- city_inventory: every emissions figure the store holds for one city, source by source.
-- Grain: one row per year, sector and source. Sources are never merged here: each is its own series
-- (components/inventory.py picks the one a pathway uses and compares reported with modelled figures).
-- Parameters: $city_id BIGINT.
SELECT
    e.year,
    e.sector,
    e.emissions_tco2e,
    e.data_kind,
    e.gas,
    e.boundary,
    e.protocol,
    e.derivation,
    e.flag,
    e.flag_reason,
    e.reported_value,
    e.reported_unit,
    e.source_id,
    s.citation,
    s.publisher
FROM emissions AS e
JOIN sources AS s USING (source_id)
WHERE e.city_id = $city_id AND e.emissions_tco2e IS NOT NULL
ORDER BY
    CASE e.data_kind WHEN 'reported' THEN 0 WHEN 'modelled' THEN 1 ELSE 2 END, e.source_id, e.year, e.sector
