-- v_level_metrics: one row per level below the province (city, county) with the gap metrics of the active snapshot (DESIGN.md "Metrics").
--   zh: 每行为省以下一个层级（市级、县级）在当前快照中的差距指标（DESIGN.md“指标”）。
-- level: city or county
--   zh: 市级或县级
-- units: number of Jiangsu units at that level (13 cities, 95 county-level units)
--   zh: 江苏该层级的单位数（13 个设区市、95 个县级单位）
-- with_agency: units with a big-data agency (a county agency whose county is unnamed counts as one unit)
--   zh: 设有大数据管理机构的单位数（未点名县的县级机构计为一个单位）
-- coverage: with_agency / units
--   zh: 覆盖率，即 with_agency / units
-- agencies: number of agencies at that level
--   zh: 该层级的机构数
-- hhi_numerator: sum over hosts of n squared (n = agencies with that host)
--   zh: 各挂靠单位机构数 n 的平方和
-- hhi_denominator: agencies squared
--   zh: 机构数的平方
-- hhi: host concentration, sum of squared host shares = hhi_numerator / hhi_denominator (1 = every agency has the same host)
--   zh: 挂靠单位集中度，即各挂靠单位占比的平方和 = hhi_numerator / hhi_denominator（1 表示所有机构挂靠同一单位）
-- effective_hosts: 1 / hhi, the number of equally common hosts that would give the same concentration
--   zh: 1 / hhi，即产生同样集中度所需的同等常见挂靠单位数
-- province_host: host code of the province-level agency (the province's centre is managed by this body; the code is compared, not the kind of link)
--   zh: 省级机构的挂靠单位代码（省级机构由该单位管理；只比较代码，不区分“管理”与“挂牌”）
-- aligned: agencies whose host code equals province_host (an agency hung at its body and a centre managed by its body count alike: a simplification of the app)
--   zh: 挂靠单位代码与 province_host 相同的机构数（“挂牌在”与“由……管理”按同一种关系计，是本应用的简化）
-- alignment: aligned / agencies, the share of the level with the same host code as the province-level agency (the app's own measure, not the source's 上下对口, which the app measures as coverage)
--   zh: aligned / agencies，即该层级与省级机构挂靠单位代码相同的比例（本应用自设的指标，并非来源所说的“上下对口”；后者由本应用以覆盖率衡量）
-- same_host_pairs: sum over hosts of n × (n − 1), ordered pairs of two different agencies with the same host
--   zh: 各挂靠单位机构数 n 的 n ×（n − 1）之和，即挂靠同一单位的两个不同机构的有序对数
-- agency_pairs: agencies × (agencies − 1), ordered pairs of two different agencies
--   zh: 机构数 ×（机构数 − 1），即两个不同机构的有序对数
-- same_host_pair_share: same_host_pairs / agency_pairs, the chance that two different agencies drawn at random (without replacement) share a host; hhi is the same chance when one agency may be drawn twice
--   zh: same_host_pairs / agency_pairs，即不放回地随机抽取两个不同机构、二者挂靠同一单位的概率；hhi 则是可重复抽到同一机构（放回抽样）时的概率
CREATE VIEW v_level_metrics AS
WITH levels AS (
    SELECT 'city' AS level, 1 AS sort_order,
        (SELECT count(*) FROM divisions WHERE level = 'city' AND parent_adcode = '320000') AS units
    UNION ALL
    SELECT 'county', 2,
        (SELECT count(*) FROM divisions WHERE level = 'county' AND left(adcode, 2) = '32')
),
centre AS (
    SELECT any_value(host) AS province_host FROM v_agencies WHERE level = 'province'
),
by_host AS (
    SELECT level, host, count(*) AS n FROM v_agencies WHERE level IN ('city', 'county') GROUP BY ALL
),
per_level AS (
    SELECT
        a.level,
        count(DISTINCT a.division_adcode) + count(*) FILTER (WHERE a.division_adcode IS NULL) AS with_agency,
        count(*) AS agencies,
        count(*) FILTER (WHERE a.host = (SELECT province_host FROM centre)) AS aligned
    FROM v_agencies AS a
    WHERE a.level IN ('city', 'county')
    GROUP BY a.level
),
concentration AS (
    SELECT
        level,
        CAST(sum(n * n) AS BIGINT) AS hhi_numerator,
        CAST(sum(n * (n - 1)) AS BIGINT) AS same_host_pairs
    FROM by_host
    GROUP BY level
)
SELECT
    l.level,
    l.units,
    coalesce(p.with_agency, 0) AS with_agency,
    coalesce(p.with_agency, 0) / l.units AS coverage,
    coalesce(p.agencies, 0) AS agencies,
    c.hhi_numerator,
    p.agencies * p.agencies AS hhi_denominator,
    c.hhi_numerator / (p.agencies * p.agencies) AS hhi,
    (p.agencies * p.agencies) / c.hhi_numerator AS effective_hosts,
    (SELECT province_host FROM centre) AS province_host,
    coalesce(p.aligned, 0) AS aligned,
    p.aligned / p.agencies AS alignment,
    c.same_host_pairs,
    p.agencies * (p.agencies - 1) AS agency_pairs,
    c.same_host_pairs / nullif(p.agencies * (p.agencies - 1), 0) AS same_host_pair_share
FROM levels AS l
LEFT JOIN per_level AS p USING (level)
LEFT JOIN concentration AS c USING (level)
ORDER BY l.sort_order;
