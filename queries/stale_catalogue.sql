-- stale_catalogue: catalogue rows (practices and funding programmes) last checked before a cutoff date.
-- Grain: one row per practice or funding programme.
-- Parameters:
--   $cutoff  DATE  rows whose last_checked is earlier than this are listed (the page passes today - 365 days)
WITH catalogue AS (
    SELECT 'practice' AS kind, practice_id AS row_id, title AS name, last_checked, url
    FROM practices
    UNION ALL
    SELECT 'funding', funding_id, name, last_checked, url
    FROM funding
)

SELECT
    kind AS "Catalogue",
    row_id AS "Id",
    name AS "Name",
    last_checked AS "Last checked",
    url AS "URL"
FROM catalogue
WHERE last_checked < $cutoff::DATE
ORDER BY last_checked, kind, row_id
