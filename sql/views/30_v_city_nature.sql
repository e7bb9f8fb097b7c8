-- v_city_nature: one row per nature of Jiangsu's city-level big-data agencies (¶5).
-- nature: administrative, public_institution, or unknown where the source is silent
-- label_zh: nature in Chinese
-- label_en: nature in English
-- n: number of city agencies of that nature
-- share: n as a share of all city agencies
CREATE VIEW v_city_nature AS
SELECT
    coalesce(a.nature, 'unknown') AS nature,
    coalesce(c.label_zh, '未知(来源未说明)') AS label_zh,
    coalesce(c.label_en, 'Unknown (not in source)') AS label_en,
    count(*) AS n,
    count(*) / sum(count(*)) OVER () AS share
FROM v_agencies AS a
LEFT JOIN codes AS c ON c.domain = 'nature' AND c.code = a.nature
WHERE a.level = 'city'
GROUP BY ALL
ORDER BY n DESC, nature;
