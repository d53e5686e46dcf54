-- filter_options: the values each sidebar filter offers, in display order.
-- Grain: one row per (filter, value). Filters: region (UN M49 regions, each followed by its
-- sub-regions and intermediate regions; `depth` 0-2 for indenting), income_group, network (the networks the UTMC
-- works with: reference lists such as the GCoM file's signatories are not offered). `code`: a region's UN M49 code
-- (its name in other languages comes from it), null for the other filters.
-- Parameters: none.
WITH region_paths AS (
    SELECT
        r.name AS value,
        r.region_id AS code,
        CASE WHEN p2.region_id IS NOT NULL THEN 2 WHEN p1.region_id IS NOT NULL THEN 1 ELSE 0 END AS depth,
        concat_ws(' / ', p2.name, p1.name, r.name) AS sort_key
    FROM regions AS r
    LEFT JOIN regions AS p1 ON p1.region_id = r.parent_region_id
    LEFT JOIN regions AS p2 ON p2.region_id = p1.parent_region_id
),

income_groups AS (
    SELECT DISTINCT income_group AS value
    FROM countries
    WHERE income_group IS NOT NULL
)

SELECT 'region' AS filter, value, depth, sort_key, code FROM region_paths
UNION ALL
SELECT 'income_group', value, 0,
       CASE value WHEN 'Low income' THEN '1' WHEN 'Lower middle income' THEN '2'
                  WHEN 'Upper middle income' THEN '3' ELSE '4' END,
       NULL
FROM income_groups
UNION ALL
SELECT 'network', short_name, 0, network_id, NULL FROM networks WHERE NOT is_reference  -- reference lists: own pages
ORDER BY filter, sort_key
