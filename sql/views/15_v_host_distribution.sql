-- v_host_distribution: one row per (level, host) of Jiangsu's big-data agencies in the active snapshot; v_city_host and v_county_host are its city and county rows (¶5).
--   zh: 每行为江苏大数据管理机构在当前快照中的一个（层级，挂靠单位）组合；v_city_host 和 v_county_host 分别是其中市级和县级的行（第 5 段）。
-- level: province, city or county
--   zh: 省级、市级或县级
-- host: host code
--   zh: 挂靠单位代码
-- label_zh: host name in Chinese
--   zh: 挂靠单位中文名称
-- label_en: host name in English
--   zh: 挂靠单位英文名称
-- n: number of agencies of that level with that host
--   zh: 该层级中挂靠该单位的机构数
-- share: n as a share of all agencies of that level
--   zh: n 占该层级全部机构的比例
-- sort_order: display order of the host (from codes), for ties in n
--   zh: 挂靠单位的显示顺序（来自 codes），用于 n 相同时排序
CREATE VIEW v_host_distribution AS
SELECT
    a.level,
    a.host,
    c.label_zh,
    c.label_en,
    count(*) AS n,
    count(*) / sum(count(*)) OVER (PARTITION BY a.level) AS share,
    c.sort_order
FROM v_agencies AS a
LEFT JOIN codes AS c ON c.domain = 'host' AND c.code = a.host
GROUP BY a.level, a.host, c.label_zh, c.label_en, c.sort_order
ORDER BY a.level, n DESC, c.sort_order;
