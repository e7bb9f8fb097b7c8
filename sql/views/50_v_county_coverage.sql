-- v_county_coverage: one row per coverage state of Jiangsu's county-level units (¶5).
--   zh: 每行为江苏县级单位的一种覆盖状态（第 5 段）。
-- coverage: with_agency or without_agency
--   zh: with_agency（设有机构）或 without_agency（未设机构）
-- label_zh: coverage state in Chinese
--   zh: 覆盖状态中文名称
-- label_en: coverage state in English
--   zh: 覆盖状态英文名称
-- n: number of county-level units in that state
--   zh: 处于该状态的县级单位数
-- share: n as a share of all county-level units
--   zh: n 占全部县级单位的比例
CREATE VIEW v_county_coverage AS
WITH counts AS (
    SELECT
        (SELECT count(*) FROM divisions WHERE level = 'county' AND left(adcode, 2) = '32') AS units,
        (SELECT count(*) FROM v_agencies WHERE level = 'county') AS with_agency
),
states AS (
    SELECT 'with_agency' AS coverage, with_agency AS n, units FROM counts
    UNION ALL
    SELECT 'without_agency', units - with_agency, units FROM counts
)
SELECT s.coverage, c.label_zh, c.label_en, s.n, s.n / s.units AS share
FROM states AS s
JOIN codes AS c ON c.domain = 'coverage' AND c.code = s.coverage
ORDER BY c.sort_order;
