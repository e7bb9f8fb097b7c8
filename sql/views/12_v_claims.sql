-- v_claims: one row per claim of the active snapshot: one attribute (nature, host, rank) of one agency, or (push_model, three_level_structure, research_partners) of one province the source discusses; an imported roster's agency claims are all imported.
--   zh: 每行为当前快照中的一条说法：某个机构的一项属性（性质、挂靠单位、级别），或来源论及的某个省份的一项属性（推进模式、三级架构、研究合作单位）；导入名册的机构说法一律为导入。
-- subject_id: the agency's agency_id, or the province's adcode
--   zh: 机构的 agency_id，或省份的行政区划代码
-- attribute: nature, host, rank (agencies); push_model, three_level_structure, research_partners (provinces)
--   zh: nature、host、rank（机构）；push_model、three_level_structure、research_partners（省份）
-- value: what the claim says, as the row's column holds it (a code, true, or text); empty = not given
--   zh: 该说法的值，与所属行的列一致（代码、true 或文字）；为空表示未给出
-- confidence: stated (the source says it), derived (follows from what it says), unknown (the source does not say) or imported (from a roster file)
--   zh: stated（原文明示）、derived（由原文推得）、unknown（来源未说明）或 imported（来自导入名册）
-- source_ref: the paragraph the claim rests on (article#pN), or the imported file (import:NAME); empty when unknown
--   zh: 该说法依据的段落（article#pN）或导入的文件（import:名称）；来源未说明时为空
-- excerpt: the source's verbatim words for this claim (traditional characters; parts joined by " … "); empty when unknown or imported
--   zh: 该说法依据的来源原文（繁体字，多段以 " … " 连接）；来源未说明或导入时为空
-- subject_kind: agency or province
--   zh: agency（机构）或 province（省份）
CREATE VIEW v_claims AS
WITH attribute_order (attribute, pos) AS (
    VALUES ('nature', 1), ('host', 2), ('rank', 3),
           ('push_model', 4), ('three_level_structure', 5), ('research_partners', 6)
),
seed AS (
    -- agency claims of the seed (claims.csv), when the active snapshot is the seed
    SELECT c.subject_id, c.attribute, c.value, c.confidence, c.source_ref, c.excerpt,
           'agency' AS subject_kind
    FROM claims AS c
    JOIN v_agencies AS a
        ON a.agency_id = c.subject_id AND a.snapshot = 'seed' AND a.confidence <> 'imported'
),
imported AS (
    -- an imported roster (or an imported row) says every attribute of its agencies itself
    SELECT a.agency_id AS subject_id, o.attribute,
           CASE o.attribute WHEN 'nature' THEN a.nature WHEN 'host' THEN a.host ELSE a.rank END
               AS value,
           'imported' AS confidence, a.source_ref, CAST(NULL AS VARCHAR) AS excerpt,
           'agency' AS subject_kind
    FROM v_agencies AS a
    CROSS JOIN attribute_order AS o
    WHERE (a.snapshot <> 'seed' OR a.confidence = 'imported') AND o.pos <= 3
),
province AS (
    SELECT c.subject_id, c.attribute, c.value, c.confidence, c.source_ref, c.excerpt,
           'province' AS subject_kind
    FROM claims AS c
    JOIN provinces AS p ON p.adcode = c.subject_id
    WHERE c.attribute IN ('push_model', 'three_level_structure', 'research_partners')
),
every AS (
    SELECT * FROM seed UNION ALL SELECT * FROM imported UNION ALL SELECT * FROM province
)
SELECT e.subject_id, e.attribute, e.value, e.confidence, e.source_ref, e.excerpt, e.subject_kind
FROM every AS e
JOIN attribute_order AS o USING (attribute)
ORDER BY e.subject_kind, e.subject_id, o.pos;
