-- funding: the funding catalogue, filtered; eligibility rules come along for matching to a city.
-- Grain: one row per programme: every funding column (status with its last_checked date, recurrence
-- yearly/periodic/null and the other_urls its facts also come from), its region names and citation.
-- Parameters (an empty list means "all"):
--   $instruments   VARCHAR[]  funding.instrument
--   $sectors       VARCHAR[]  programmes that fund any of these sectors (or any sector)
--   $regions       VARCHAR[]  programmes open to cities in any of these UN regions: no regional limit or a
--                             region that overlaps, and no country list or one with a country in them
--   $income_groups VARCHAR[]  programmes open to any of these income groups (or not limited by income)
--   $open_now      BOOLEAN    only programmes whose status was open when last checked
WITH selected_regions AS (
    SELECT coalesce(list(region_id), []) AS ids
    FROM regions
    WHERE list_contains($regions::VARCHAR[], name)
),

countries_in_regions AS (
    SELECT coalesce(list(iso3), []) AS iso3s
    FROM countries, selected_regions
    WHERE list_has_any(selected_regions.ids, [region_id, subregion_id, intermediate_region_id])
),

described AS (
    SELECT
        f.*,
        (SELECT list(r.name ORDER BY r.name) FROM regions AS r WHERE list_contains(f.region_ids, r.region_id))
            AS region_names,
        s.citation
    FROM funding AS f
    JOIN sources AS s USING (source_id)
)

SELECT d.*
FROM described AS d, selected_regions, countries_in_regions
WHERE (len($instruments::VARCHAR[]) = 0 OR list_contains($instruments::VARCHAR[], d.instrument))
  AND (len($sectors::VARCHAR[]) = 0 OR d.sectors IS NULL OR list_has_any($sectors::VARCHAR[], d.sectors))
  AND (len($regions::VARCHAR[]) = 0 OR d.region_ids IS NULL OR list_has_any(selected_regions.ids, d.region_ids))
  AND (len($regions::VARCHAR[]) = 0 OR d.country_iso3s IS NULL
       OR list_has_any(countries_in_regions.iso3s, d.country_iso3s))
  AND (len($income_groups::VARCHAR[]) = 0 OR d.income_groups IS NULL
       OR list_has_any($income_groups::VARCHAR[], d.income_groups))
  AND (NOT $open_now OR d.status = 'open')
ORDER BY d.scope, d.name
