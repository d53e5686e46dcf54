-- city_profiles: the facts of several cities at once (the Compare page), in the order asked.
-- Grain: one row per known city; unknown ids are simply absent.
-- Parameters: $city_ids BIGINT[].
SELECT
    c.city_id,
    c.name AS city,
    co.name AS country,
    co.iso3,
    c.population,
    co.income_group,
    r.name AS region,
    sr.name AS subregion,
    coalesce((
        SELECT list(n.short_name ORDER BY n.short_name)
        FROM memberships AS m JOIN networks AS n USING (network_id)
        WHERE m.city_id = c.city_id
    ), []) AS networks
FROM cities AS c
JOIN countries AS co ON co.iso3 = c.country_iso3
LEFT JOIN regions AS r ON r.region_id = co.region_id
LEFT JOIN regions AS sr ON sr.region_id = co.subregion_id
WHERE list_contains($city_ids::BIGINT[], c.city_id)
ORDER BY list_position($city_ids::BIGINT[], c.city_id)
