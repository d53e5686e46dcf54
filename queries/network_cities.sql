-- network_cities: the member cities the Network page shows.
-- Grain: one row per city that belongs to at least one of the selected networks, with what the store holds
-- for it: an emissions figure of each kind that passed the plausibility checks, a target, the cohorts it joined
-- with and its earliest joined year (memberships.cohort, joined_year; empty / null when not known).
-- Parameters: $networks VARCHAR[], network short names (networks.short_name); an empty list means all the
-- networks the UTMC works with (not the reference lists, networks.is_reference).
-- Regions and income groups are narrowed in memory (components/network.py, filter_cities): the app reads
-- this once per network choice and each filter change costs no query.
WITH selected_memberships AS (
    SELECT m.city_id, n.short_name AS network, m.source_id, m.cohort, m.joined_year
    FROM memberships AS m
    JOIN networks AS n USING (network_id)
    WHERE (len($networks::VARCHAR[]) = 0 AND NOT n.is_reference) OR list_contains($networks::VARCHAR[], n.short_name)
),

member_cities AS (
    SELECT
        city_id,
        list(DISTINCT network ORDER BY network) AS networks,
        list(DISTINCT source_id ORDER BY source_id) AS membership_source_ids,
        list(DISTINCT cohort ORDER BY cohort) FILTER (WHERE cohort IS NOT NULL) AS cohorts,
        min(joined_year) AS joined_year
    FROM selected_memberships
    GROUP BY city_id
),

figures AS (
    SELECT
        city_id,
        bool_or(data_kind = 'reported') AS has_reported,
        bool_or(data_kind = 'modelled') AS has_modelled
    FROM emissions
    WHERE emissions_tco2e IS NOT NULL AND flag IS NULL AND city_id IN (SELECT city_id FROM member_cities)
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
        coalesce(mc.cohorts, []) AS cohorts,
        mc.joined_year,
        c.source_id AS city_source_id,
        coalesce(f.has_reported, FALSE) AS has_reported,
        coalesce(f.has_modelled, FALSE) AS has_modelled,
        c.city_id IN (SELECT city_id FROM targets) AS has_target
    FROM member_cities AS mc
    JOIN cities AS c USING (city_id)
    JOIN countries AS co ON co.iso3 = c.country_iso3
    LEFT JOIN regions AS r ON r.region_id = co.region_id
    LEFT JOIN regions AS sr ON sr.region_id = co.subregion_id
    LEFT JOIN regions AS ir ON ir.region_id = co.intermediate_region_id
    LEFT JOIN figures AS f USING (city_id)
)

SELECT *
FROM located
ORDER BY population DESC NULLS LAST, city_id
