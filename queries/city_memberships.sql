-- city_memberships: the networks a city belongs to, with the page that confirmed each.
-- Grain: one row per network.
-- Parameters: $city_id BIGINT.
SELECT n.short_name AS network, m.member_name, m.note, s.citation, s.url
FROM memberships AS m
JOIN networks AS n USING (network_id)
JOIN sources AS s ON s.source_id = m.source_id
WHERE m.city_id = $city_id
ORDER BY n.short_name
