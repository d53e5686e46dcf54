-- peer_features: what the peer finder compares, for every city.
-- Grain: one row per city (34,000+). Per-capita emissions use the latest reported total (a city's own
-- inventory; modelled figures of other boundaries and gases are not per-capita comparable) and today's GeoNames
-- population; share_* are the sector shares of one source's latest inventory with a sector breakdown, reported
-- before modelled (shares, unlike levels, travel across boundaries); net_zero_year is the earliest reported
-- net-zero target. Figures flagged by the plausibility checks (data/checks.py) are left out. Unknown stays NULL.
-- Parameters: none.
WITH latest_total AS (
    SELECT city_id, arg_max(emissions_tco2e, year) AS emissions_tco2e, max(year) AS year
    FROM emissions
    WHERE sector = 'total' AND data_kind = 'reported' AND emissions_tco2e IS NOT NULL AND flag IS NULL
    GROUP BY city_id
),

net_zero AS (
    SELECT city_id, min(target_year) AS net_zero_year
    FROM targets
    WHERE kind = 'net_zero' AND data_kind = 'reported' AND flag IS NULL
    GROUP BY city_id
),

sector_year AS (
    SELECT city_id, year, source_id
    FROM emissions
    WHERE sector <> 'total' AND data_kind IN ('reported', 'modelled') AND emissions_tco2e > 0 AND flag IS NULL
    GROUP BY city_id, year, source_id, data_kind
    QUALIFY row_number() OVER (
        PARTITION BY city_id ORDER BY CASE data_kind WHEN 'reported' THEN 0 ELSE 1 END, year DESC, source_id
    ) = 1
),

shares AS (
    SELECT
        e.city_id,
        sum(e.emissions_tco2e) FILTER (WHERE e.sector = 'energy') / sum(e.emissions_tco2e) AS share_energy,
        sum(e.emissions_tco2e) FILTER (WHERE e.sector = 'buildings') / sum(e.emissions_tco2e) AS share_buildings,
        sum(e.emissions_tco2e) FILTER (WHERE e.sector = 'transport') / sum(e.emissions_tco2e) AS share_transport,
        sum(e.emissions_tco2e) FILTER (WHERE e.sector = 'waste') / sum(e.emissions_tco2e) AS share_waste,
        sum(e.emissions_tco2e) FILTER (WHERE e.sector = 'industry') / sum(e.emissions_tco2e) AS share_industry,
        sum(e.emissions_tco2e) FILTER (WHERE e.sector = 'afolu') / sum(e.emissions_tco2e) AS share_afolu,
        sum(e.emissions_tco2e) FILTER (WHERE e.sector = 'other') / sum(e.emissions_tco2e) AS share_other
    FROM emissions AS e
    JOIN sector_year USING (city_id, year, source_id)
    WHERE e.sector <> 'total' AND e.emissions_tco2e > 0
    GROUP BY e.city_id
),

member AS (
    SELECT m.city_id, list(DISTINCT n.short_name ORDER BY n.short_name) AS networks
    FROM memberships AS m JOIN networks AS n USING (network_id)
    WHERE NOT n.is_reference
    GROUP BY m.city_id
)

SELECT
    c.city_id,
    c.name AS city,
    co.name AS country,
    c.population,
    co.income_group,
    r.name AS region,
    sr.name AS subregion,
    coalesce(member.networks, []) AS networks,
    member.city_id IS NOT NULL AS is_member,
    lt.emissions_tco2e / nullif(c.population, 0) AS per_capita_tco2e,
    lt.year AS inventory_year,
    nz.net_zero_year,
    sh.share_energy, sh.share_buildings, sh.share_transport, sh.share_waste, sh.share_industry,
    sh.share_afolu, sh.share_other
FROM cities AS c
JOIN countries AS co ON co.iso3 = c.country_iso3
LEFT JOIN regions AS r ON r.region_id = co.region_id
LEFT JOIN regions AS sr ON sr.region_id = co.subregion_id
LEFT JOIN member USING (city_id)
LEFT JOIN latest_total AS lt USING (city_id)
LEFT JOIN net_zero AS nz USING (city_id)
LEFT JOIN shares AS sh USING (city_id)
ORDER BY c.city_id
