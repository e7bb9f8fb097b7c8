-- v_city_host: one row per host of Jiangsu's city-level big-data agencies (¶5).
-- host: host code
-- label_zh: host name in Chinese
-- label_en: host name in English
-- n: number of city agencies with that host
-- share: n as a share of all city agencies
CREATE VIEW v_city_host AS
SELECT a.host, c.label_zh, c.label_en, count(*) AS n, count(*) / sum(count(*)) OVER () AS share
FROM v_agencies AS a
LEFT JOIN codes AS c ON c.domain = 'host' AND c.code = a.host
WHERE a.level = 'city'
GROUP BY a.host, c.label_zh, c.label_en, c.sort_order
ORDER BY n DESC, c.sort_order;
