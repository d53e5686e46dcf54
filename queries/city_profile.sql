-- city_profile: one city's facts: country, UN regions, income group, population, networks.
-- Grain: one row (or none when the id is unknown).
-- Parameters: $city_id BIGINT.
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
    coalesce((
        SELECT list(n.short_name ORDER BY n.short_name)
        FROM memberships AS m JOIN networks AS n USING (network_id)
        WHERE m.city_id = c.city_id
    ), []) AS networks,
    c.source_id
FROM cities AS c
JOIN countries AS co ON co.iso3 = c.country_iso3
LEFT JOIN regions AS r ON r.region_id = co.region_id
LEFT JOIN regions AS sr ON sr.region_id = co.subregion_id
LEFT JOIN regions AS ir ON ir.region_id = co.intermediate_region_id
WHERE c.city_id = $city_id
