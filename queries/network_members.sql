-- network_members: the cities of one network, with the cohort and year each joined.
-- Grain: one row per member city.
-- Parameters: $network_id VARCHAR (networks.network_id).
SELECT m.city_id, m.member_name, m.cohort, m.joined_year, m.source_id
FROM memberships AS m
WHERE m.network_id = $network_id
ORDER BY m.city_id
