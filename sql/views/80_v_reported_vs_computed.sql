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
CREATE VIEW v_reported_vs_computed AS
WITH computed AS (
    SELECT 'city_units' AS figure_id, count(*) AS value
    FROM divisions WHERE level = 'city' AND parent_adcode = '320000'
    UNION ALL
    SELECT 'city_nature_' || c.code, coalesce(v.n, 0)
    FROM codes AS c LEFT JOIN v_city_nature AS v ON v.nature = c.code WHERE c.domain = 'nature'
    UNION ALL
    SELECT 'city_host_' || c.code, coalesce(v.n, 0)
    FROM codes AS c LEFT JOIN v_city_host AS v ON v.host = c.code WHERE c.domain = 'host'
    UNION ALL
    SELECT 'county_units', sum(n) FROM v_county_coverage
    UNION ALL
    SELECT 'county_with_agency', n FROM v_county_coverage WHERE coverage = 'with_agency'
    UNION ALL
    SELECT 'county_host_' || c.code, coalesce(v.n, 0)
    FROM codes AS c LEFT JOIN v_county_host AS v ON v.host = c.code WHERE c.domain = 'host'
    UNION ALL
    SELECT 'push_models', count(DISTINCT push_model) FROM provinces WHERE push_model IN ('1', '2', '3')
    UNION ALL
    SELECT 'recommendations', count(*) FROM recommendations WHERE category = 'recommendation'
    UNION ALL
    SELECT 'integrations', count(*) FROM recommendations WHERE category = 'integration'
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
    r.excerpt
FROM reported_figures AS r
LEFT JOIN computed AS c USING (figure_id)
ORDER BY r.source_ref, r.figure_id;
