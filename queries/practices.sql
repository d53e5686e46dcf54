-- practices: the practices catalogue, searched and filtered.
-- Grain: one row per practice.
-- Parameters (an empty list or text means "all"):
--   $q             VARCHAR    words that must all appear (as literals) in the title, summary, outcome, city or sector
--   $sectors       VARCHAR[]  practices.sector
--   $kinds         VARCHAR[]  practices.kind
--   $regions       VARCHAR[]  UN M49 region, sub-region or intermediate-region names
--   $income_groups VARCHAR[]  World Bank income groups
--   $networks      VARCHAR[]  network short names the practice's city belongs to
WITH located AS (
    SELECT
        p.*,
        c.name AS city,
        c.population,
        co.name AS country,
        co.iso3,
        co.income_group,
        r.name AS region,
        sr.name AS subregion,
        ir.name AS intermediate_region,
        coalesce((
            SELECT list(n.short_name ORDER BY n.short_name)
            FROM memberships AS m JOIN networks AS n USING (network_id)
            WHERE m.city_id = p.city_id AND NOT n.is_reference
        ), []) AS networks,
        s.citation,
        s.publisher AS source_publisher,
        lower(concat_ws(' ', p.title, p.summary, p.outcome, c.name, c.ascii_name, co.name, p.sector, p.kind)) AS haystack
    FROM practices AS p
    JOIN cities AS c USING (city_id)
    JOIN countries AS co ON co.iso3 = c.country_iso3
    JOIN sources AS s ON s.source_id = p.source_id
    LEFT JOIN regions AS r ON r.region_id = co.region_id
    LEFT JOIN regions AS sr ON sr.region_id = co.subregion_id
    LEFT JOIN regions AS ir ON ir.region_id = co.intermediate_region_id
),

words AS (
    SELECT coalesce(list_filter(string_split(lower(trim($q)), ' '), lambda w: w <> ''), []) AS terms
)

SELECT located.* EXCLUDE (haystack)
FROM located, words
WHERE list_bool_and(list_transform(words.terms, lambda w: contains(located.haystack, w))) IS NOT FALSE
  AND (len($sectors::VARCHAR[]) = 0 OR list_contains($sectors::VARCHAR[], sector))
  AND (len($kinds::VARCHAR[]) = 0 OR list_contains($kinds::VARCHAR[], kind))
  AND (len($regions::VARCHAR[]) = 0 OR list_has_any($regions::VARCHAR[], [region, subregion, intermediate_region]))
  AND (len($income_groups::VARCHAR[]) = 0 OR list_contains($income_groups::VARCHAR[], income_group))
  AND (len($networks::VARCHAR[]) = 0 OR list_has_any($networks::VARCHAR[], networks))
ORDER BY region, city, title
