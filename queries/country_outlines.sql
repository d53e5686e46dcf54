-- country_outlines: the base layer of every map (Natural Earth, simplified at seed time).
-- Grain: one row per Natural Earth feature.
-- Parameters: none.
SELECT o.outline_id, o.ne_name, o.iso3, ST_AsGeoJSON(o.geometry) AS geometry_geojson, o.source_id
FROM country_outlines AS o
ORDER BY o.outline_id
