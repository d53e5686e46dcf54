-- city_profiles: the facts of one or several cities: country, UN regions, income group, population,
-- networks, in the order asked. The app reads every city once per store (an empty list) and looks the
-- picker's and the Compare page's cities up in memory (components/ui.py, profiles).
-- Grain: one row per known city; unknown ids are simply absent.
-- Parameters: $city_ids BIGINT[]; an empty list means every city (then ordered by GeoNames id).
WITH picked AS MATERIALIZED (
    SELECT city_id, name, country_iso3, latitude, longitude, population, source_id,
           list_position($city_ids::BIGINT[], city_id) AS pos
    FROM cities
    WHERE len($city_ids::BIGINT[]) = 0 OR list_contains($city_ids::BIGINT[], city_id)
),

picked_networks AS (
    SELECT m.city_id, list(n.short_name ORDER BY n.short_name) AS networks
    FROM memberships AS m
    JOIN networks AS n USING (network_id)
    WHERE m.city_id IN (SELECT city_id FROM picked) AND NOT n.is_reference
    GROUP BY m.city_id
)

SELECT
    c.city_id,
    c.name AS city,
    co.name AS country,
    co.iso3,
    c.latitude,
    c.longitude,
    c.population,
    co.income_group,
    r.name AS region,
    sr.name AS subregion,
    ir.name AS intermediate_region,
    [x FOR x IN [co.region_id, co.subregion_id, co.intermediate_region_id] IF x IS NOT NULL] AS region_ids,
    coalesce(pn.networks, []) AS networks,
    c.source_id
FROM picked AS c
JOIN countries AS co ON co.iso3 = c.country_iso3
LEFT JOIN regions AS r ON r.region_id = co.region_id
LEFT JOIN regions AS sr ON sr.region_id = co.subregion_id
LEFT JOIN regions AS ir ON ir.region_id = co.intermediate_region_id
LEFT JOIN picked_networks AS pn ON pn.city_id = c.city_id
ORDER BY c.pos, c.city_id
