-- v_gap_statements: one row per (province, gap dimension) the source says something about (¶2 dimensions; ¶5-¶7 statements); absent = not in source.
--   zh: 每行为来源对一个省份在一个差距维度上的说明（第 2 段的维度；第 5–7 段的说明）；没有该行表示来源未说明。
-- adcode: provincial adcode
--   zh: 省级行政区划代码
-- dimension: organisational_structure, coordination_push, theory_research or digital_capability (¶2)
--   zh: organisational_structure、coordination_push、theory_research 或 digital_capability（第 2 段）
-- statement_zh: what the source says, in Chinese (simplified)
--   zh: 来源的说法（简体中文）
-- statement_en: what the source says, in English
--   zh: 来源的说法（英文）
-- excerpt: the verbatim words of the source (traditional characters; parts joined by " … ")
--   zh: 来源原文（繁体字；多段之间以 " … " 连接）
-- source_ref: the paragraph it comes from
--   zh: 所在段落
CREATE VIEW v_gap_statements AS
SELECT adcode, dimension, statement_zh, statement_en, excerpt, source_ref
FROM statements
ORDER BY adcode, dimension;
