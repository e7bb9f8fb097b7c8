-- title: Agencies by level and confidence
-- title_zh: 按层级与可信度统计机构
-- purpose: How many agencies of the active snapshot each level has, split by confidence (stated by the source, derived from it, or imported).
-- purpose_zh: 当前快照中各层级机构数，按可信度（原文明示、由原文推得、导入）拆分。
SELECT level, confidence, count(*) AS n
FROM v_agencies
GROUP BY level, confidence
ORDER BY CASE level WHEN 'province' THEN 1 WHEN 'city' THEN 2 ELSE 3 END, confidence;
