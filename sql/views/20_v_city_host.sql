-- v_city_host: one row per host of Jiangsu's city-level big-data agencies (¶5).
--   zh: 每行为江苏设区市大数据管理机构的一种挂靠单位（第 5 段）。
-- host: host code
--   zh: 挂靠单位代码
-- label_zh: host name in Chinese
--   zh: 挂靠单位中文名称
-- label_en: host name in English
--   zh: 挂靠单位英文名称
-- n: number of city agencies with that host
--   zh: 该挂靠单位的市级机构数
-- share: n as a share of all city agencies
--   zh: n 占全部市级机构的比例
CREATE VIEW v_city_host AS
SELECT host, label_zh, label_en, n, share
FROM v_host_distribution
WHERE level = 'city'
ORDER BY n DESC, sort_order;
