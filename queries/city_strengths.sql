-- city_strengths: what a city can offer a City2City partner: the sectors of its practices in the store, whether it
-- has set a target and reported an inventory (figures and targets flagged by the plausibility checks left out).
-- Grain: one row per city that has any of them.
-- Parameters: none.
WITH practice_sectors AS (
    SELECT city_id, list(DISTINCT sector ORDER BY sector) AS practice_sectors
    FROM practices
    GROUP BY city_id
),

target_cities AS (
    SELECT DISTINCT city_id FROM targets WHERE data_kind = 'reported' AND flag IS NULL
),

inventory_cities AS (
    SELECT DISTINCT city_id
    FROM emissions
    WHERE data_kind = 'reported' AND flag IS NULL AND emissions_tco2e IS NOT NULL
),

cities_with_any AS (
    SELECT city_id FROM practice_sectors
    UNION SELECT city_id FROM target_cities
    UNION SELECT city_id FROM inventory_cities
)

SELECT
    a.city_id,
    coalesce(p.practice_sectors, []) AS practice_sectors,
    a.city_id IN (SELECT city_id FROM target_cities) AS has_target,
    a.city_id IN (SELECT city_id FROM inventory_cities) AS has_inventory
FROM cities_with_any AS a
LEFT JOIN practice_sectors AS p USING (city_id)
ORDER BY a.city_id
