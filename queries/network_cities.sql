-- network_cities: the member cities the Network page shows.
-- Grain: one row per city that belongs to at least one of the selected networks.
-- Parameters (an empty list means "all"):
--   $networks      VARCHAR[]  network short names (networks.short_name)
--   $regions       VARCHAR[]  UN M49 region, sub-region or intermediate-region names
--   $income_groups VARCHAR[]  World Bank income groups (countries.income_group)
WITH selected_memberships AS (
    SELECT m.city_id, n.short_name AS network, m.source_id
    FROM memberships AS m
    JOIN networks AS n USING (network_id)
    WHERE len($networks::VARCHAR[]) = 0 OR list_contains($networks::VARCHAR[], n.short_name)
),

member_cities AS (
    SELECT
        city_id,
        list(DISTINCT network ORDER BY network) AS networks,
        list(DISTINCT source_id ORDER BY source_id) AS membership_source_ids
    FROM selected_memberships
    GROUP BY city_id
),

located AS (
    SELECT
        c.city_id,
        c.name AS city,
        co.name AS country,
        co.iso3,
        r.name AS region,
        sr.name AS subregion,
        ir.name AS intermediate_region,
        co.income_group,
        c.population,
        c.latitude,
        c.longitude,
        mc.networks,
        mc.membership_source_ids,
        c.source_id AS city_source_id
    FROM member_cities AS mc
    JOIN cities AS c USING (city_id)
    JOIN countries AS co ON co.iso3 = c.country_iso3
    LEFT JOIN regions AS r ON r.region_id = co.region_id
    LEFT JOIN regions AS sr ON sr.region_id = co.subregion_id
    LEFT JOIN regions AS ir ON ir.region_id = co.intermediate_region_id
)

SELECT *
FROM located
WHERE (len($regions::VARCHAR[]) = 0 OR list_has_any($regions::VARCHAR[], [region, subregion, intermediate_region]))
  AND (len($income_groups::VARCHAR[]) = 0 OR list_contains($income_groups::VARCHAR[], income_group))
ORDER BY population DESC NULLS LAST, city_id
