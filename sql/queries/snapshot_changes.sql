-- title: Changes between two snapshots
-- title_zh: 两个快照之间的变化
-- purpose: Agencies added, removed, re-hosted or of changed nature from snapshot $old to snapshot $new (matched by level and division; by agency_id where the division is not named).
-- purpose_zh: 从快照 $old 到快照 $new 新增、删除、改变挂靠单位或改变性质的机构（按层级和行政区匹配；未具名县按 agency_id 匹配）。
-- param old: text seed
-- param new: text seed
WITH a AS (
    SELECT *, level || ':' || coalesce(division_adcode, 'id:' || agency_id) AS match_key
    FROM agencies WHERE snapshot = $old
),
b AS (
    SELECT *, level || ':' || coalesce(division_adcode, 'id:' || agency_id) AS match_key
    FROM agencies WHERE snapshot = $new
),
changed AS (
SELECT
    CASE
        WHEN a.match_key IS NULL THEN 'added'
        WHEN b.match_key IS NULL THEN 'removed'
        WHEN a.host IS DISTINCT FROM b.host THEN 'rehosted'
        ELSE 'nature_changed'
    END AS change,
    coalesce(b.level, a.level) AS level,
    coalesce(b.division_adcode, a.division_adcode) AS division_adcode,
    d.name_zh AS division_zh,
    d.name_en AS division_en,
    a.agency_id AS old_agency_id,
    b.agency_id AS new_agency_id,
    coalesce(b.name_zh, a.name_zh) AS name_zh,
    a.host AS old_host,
    b.host AS new_host,
    a.nature AS old_nature,
    b.nature AS new_nature
FROM a
FULL OUTER JOIN b ON a.match_key = b.match_key
LEFT JOIN divisions AS d ON d.adcode = coalesce(b.division_adcode, a.division_adcode)
WHERE a.match_key IS NULL
   OR b.match_key IS NULL
   OR a.host IS DISTINCT FROM b.host
   OR a.nature IS DISTINCT FROM b.nature
)
SELECT * FROM changed
ORDER BY
    CASE change WHEN 'added' THEN 1 WHEN 'removed' THEN 2 WHEN 'rehosted' THEN 3 ELSE 4 END,
    CASE level WHEN 'province' THEN 1 WHEN 'city' THEN 2 ELSE 3 END,
    division_adcode,
    coalesce(new_agency_id, old_agency_id);
