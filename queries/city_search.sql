-- city_search: cities whose name contains the text typed, for the city pickers.
-- Grain: one row per city; at most 20, network members first, then by population.
-- Parameters: $q VARCHAR (any text; matched as a literal against the name and its ASCII fold).
WITH hits AS (
    SELECT
        c.city_id, c.name, co.name AS country, c.population,
        EXISTS (
            SELECT 1 FROM memberships AS m JOIN networks AS n USING (network_id)
            WHERE m.city_id = c.city_id AND NOT n.is_reference
        ) AS is_member
    FROM cities AS c
    JOIN countries AS co ON co.iso3 = c.country_iso3
    WHERE length(trim($q)) > 0
      AND (contains(lower(c.name), lower(trim($q))) OR contains(c.ascii_name, lower(trim($q))))
)

SELECT city_id, name, country, population, is_member
FROM hits
ORDER BY is_member DESC, population DESC NULLS LAST, city_id
LIMIT 20
