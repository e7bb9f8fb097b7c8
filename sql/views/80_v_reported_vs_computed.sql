-- v_reported_vs_computed: one row per number the article states, beside the same number computed from the rows.
--   zh: 每行为文章给出的一个数字，及由数据行计算出的同一数字。
-- figure_id: what the number counts
--   zh: 该数字统计的对象
-- scope: the figure in words
--   zh: 该数字的文字说明
-- reported: the number as the source states it
--   zh: 来源给出的数字
-- computed: the number computed from the active snapshot; empty when the rows cannot give it (e.g. which 28 provinces is not in source)
--   zh: 由当前快照计算出的数字；数据行无法得出时为空（例如来源未说明是哪 28 个省份）
-- status: match, differs, or not_computable
--   zh: match（一致）、differs（不同）或 not_computable（无法计算）
-- source_ref: the paragraph that states it
--   zh: 给出该数字的段落
-- excerpt: the verbatim words of the source (traditional characters)
--   zh: 来源原文（繁体字）
-- basis: what a match confirms. named_rows: the computed number counts rows that each name their unit (the cities' agencies, the county-level units of the boundary data, an imported roster that names every county), so a match confirms the source; placeholder_rows: it counts rows written from this same reported number (the county agencies whose county the source does not name, the push-model codes, the recommendation and integration rows), so a match is only a consistency check; not_computable: the rows cannot give it
--   zh: 一致时说明什么。named_rows：计算所数的数据行各自点名其单位（各设区市的机构、边界数据中的县级单位、点名每个县的导入名册），一致即印证来源；placeholder_rows：所数的数据行本身就是按这一来源数字写成的（来源未点名所在县的县级机构、推进模式代码、建议和融合条目），一致只是一致性核对；not_computable：数据行无法得出
CREATE VIEW v_reported_vs_computed AS
WITH county_rows AS (
    -- the county agencies name their units only when every one of them does (an imported roster)
    SELECT CASE WHEN count(*) FILTER (WHERE division_adcode IS NULL) = 0
        THEN 'named_rows' ELSE 'placeholder_rows' END AS basis
    FROM v_agencies WHERE level = 'county'
),
computed AS (
    SELECT 'city_units' AS figure_id, count(*) AS value, 'named_rows' AS basis
    FROM divisions WHERE level = 'city' AND parent_adcode = '320000'
    UNION ALL
    SELECT 'city_nature_' || c.code, coalesce(v.n, 0), 'named_rows'
    FROM codes AS c LEFT JOIN v_city_nature AS v ON v.nature = c.code WHERE c.domain = 'nature'
    UNION ALL
    SELECT 'city_host_' || c.code, coalesce(v.n, 0), 'named_rows'
    FROM codes AS c LEFT JOIN v_city_host AS v ON v.host = c.code WHERE c.domain = 'host'
    UNION ALL
    SELECT 'county_units', sum(n), 'named_rows' FROM v_county_coverage
    UNION ALL
    SELECT 'county_with_agency', n, (SELECT basis FROM county_rows)
    FROM v_county_coverage WHERE coverage = 'with_agency'
    UNION ALL
    SELECT 'county_host_' || c.code, coalesce(v.n, 0), (SELECT basis FROM county_rows)
    FROM codes AS c LEFT JOIN v_county_host AS v ON v.host = c.code WHERE c.domain = 'host'
    UNION ALL
    SELECT 'push_models', count(DISTINCT push_model), 'placeholder_rows'
    FROM provinces WHERE push_model IN ('1', '2', '3')
    UNION ALL
    SELECT 'recommendations', count(*), 'placeholder_rows'
    FROM recommendations WHERE category = 'recommendation'
    UNION ALL
    SELECT 'integrations', count(*), 'placeholder_rows'
    FROM recommendations WHERE category = 'integration'
)
SELECT
    r.figure_id,
    r.scope,
    r.value AS reported,
    c.value AS computed,
    CASE
        WHEN c.value IS NULL THEN 'not_computable'
        WHEN c.value = r.value THEN 'match'
        ELSE 'differs'
    END AS status,
    r.source_ref,
    r.excerpt,
    CASE WHEN c.value IS NULL THEN 'not_computable' ELSE c.basis END AS basis
FROM reported_figures AS r
LEFT JOIN computed AS c USING (figure_id)
ORDER BY r.source_ref, r.figure_id;
