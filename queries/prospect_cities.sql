-- prospect_cities: what the Prospects page weighs for every city: size, where it is, whether it is already in
-- the network, a GCoM signatory in the JRC file, in a country that file covers, has a target, a reported inventory.
-- Grain: one row per city (34,000+). Figures and targets flagged by the plausibility checks are left out.
-- Parameters: $network_id VARCHAR, the network prospects are sought for (e.g. utm);
--             $gcom_network_id VARCHAR, the reference list of GCoM signatories (gcom_jrc).
WITH in_network AS (
    SELECT DISTINCT city_id FROM memberships WHERE network_id = $network_id
),

gcom AS (
    SELECT m.city_id, c.country_iso3
    FROM memberships AS m
    JOIN cities AS c USING (city_id)
    WHERE m.network_id = $gcom_network_id
),

gcom_countries AS (
    SELECT DISTINCT country_iso3 FROM gcom
),

target_cities AS (
    SELECT city_id, min(target_year) FILTER (WHERE kind = 'net_zero') AS net_zero_year
    FROM targets
    WHERE data_kind = 'reported' AND flag IS NULL
    GROUP BY city_id
),

inventory_cities AS (
    SELECT city_id, max(year) AS inventory_year
    FROM emissions
    WHERE data_kind = 'reported' AND flag IS NULL AND emissions_tco2e IS NOT NULL
    GROUP BY city_id
)

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
    c.city_id IN (SELECT city_id FROM in_network) AS is_member,
    c.city_id IN (SELECT city_id FROM gcom) AS is_gcom,
    c.country_iso3 IN (SELECT country_iso3 FROM gcom_countries) AS gcom_known,
    t.city_id IS NOT NULL AS has_target,
    t.net_zero_year,
    i.inventory_year
FROM cities AS c
JOIN countries AS co ON co.iso3 = c.country_iso3
LEFT JOIN regions AS r ON r.region_id = co.region_id
LEFT JOIN regions AS sr ON sr.region_id = co.subregion_id
LEFT JOIN regions AS ir ON ir.region_id = co.intermediate_region_id
LEFT JOIN target_cities AS t USING (city_id)
LEFT JOIN inventory_cities AS i USING (city_id)
ORDER BY c.city_id
