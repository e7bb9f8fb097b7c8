-- v_gap_statements: one row per (province, gap dimension) the source says something about (¶2 dimensions; ¶5-¶7 statements); absent = not in source.
-- adcode: provincial adcode
-- dimension: organisational_structure, coordination_push, theory_research or digital_capability (¶2)
-- statement_zh: what the source says, in Chinese (simplified)
-- statement_en: what the source says, in English
-- excerpt: the verbatim words of the source (traditional characters; parts joined by " … ")
-- source_ref: the paragraph it comes from
CREATE VIEW v_gap_statements AS
SELECT adcode, dimension, statement_zh, statement_en, excerpt, source_ref
FROM statements
ORDER BY adcode, dimension;
