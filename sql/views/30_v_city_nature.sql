-- v_city_nature: one row per nature of Jiangsu's city-level big-data agencies (¶5).
--   zh: 每行为江苏设区市大数据管理机构的一种性质（第 5 段）。
-- nature: administrative, public_institution, or unknown where the source is silent
--   zh: 行政单位、事业单位，来源未说明时为 unknown
-- label_zh: nature in Chinese
--   zh: 性质中文名称
-- label_en: nature in English
--   zh: 性质英文名称
-- n: number of city agencies of that nature
--   zh: 该性质的市级机构数
-- share: n as a share of all city agencies
--   zh: n 占全部市级机构的比例
CREATE VIEW v_city_nature AS
SELECT
    coalesce(a.nature, 'unknown') AS nature,
    c.label_zh,
    c.label_en,
    count(*) AS n,
    count(*) / sum(count(*)) OVER () AS share
FROM v_agencies AS a
-- a nature the source does not state takes the codes row (unknown, nature)
LEFT JOIN codes AS c
    ON c.domain = if(a.nature IS NULL, 'unknown', 'nature') AND c.code = coalesce(a.nature, 'nature')
WHERE a.level = 'city'
GROUP BY ALL
ORDER BY n DESC, nature;
