-- v_named_lists: one row per list of names the source gives (¶5-¶7), with how many members it names and whether it is open (ends in 等: named in the source, list not exhaustive).
--   zh: 每行为来源列举的一个名单（第 5–7 段），附所列举的成员数及是否未尽列（以“等”结尾：来源列举，未尽列）。
-- list_id: identifier of the list
--   zh: 名单标识
-- subject: the province whose attribute the list is (research partners); empty for a list of provinces
--   zh: 名单所属的省份（理论研究合作方）；省份名单为空
-- attribute: push_model, three_level_structure or research_partners
--   zh: push_model、three_level_structure 或 research_partners
-- value: for a list of provinces, the attribute's value its members have (1, 2, 3; true)
--   zh: 省份名单的成员所具有的属性值（1、2、3；true）
-- is_open: true when the list ends in 等 (and others): it names some members, not all
--   zh: 名单以“等”结尾时为 true：只列举了部分成员
-- named: how many members the source names (for an open list, a count of named members, not of all members)
--   zh: 来源列举的成员数（未尽列的名单只是列举成员的个数，并非全部成员数）
-- names_zh: the named members in Chinese, ';'-separated
--   zh: 所列举成员的中文名称，以 ';' 分隔
-- names_en: the named members in English, ';'-separated (research partners: as the source writes them)
--   zh: 所列举成员的英文名称，以 ';' 分隔（理论研究合作方按来源原文）
-- source_ref: the paragraph that gives the list
--   zh: 给出该名单的段落
-- excerpt: the list in the source's words (traditional characters), 等 included
--   zh: 来源原文中的名单（繁体字），含“等”字
CREATE VIEW v_named_lists AS
WITH province_members AS (
    SELECT
        l.list_id,
        count(m.adcode) AS named,
        string_agg(m.name_zh, ';' ORDER BY m.adcode) AS names_zh,
        string_agg(m.name_en, ';' ORDER BY m.adcode) AS names_en
    FROM named_lists AS l
    LEFT JOIN v_province_models AS m
        ON (l.attribute = 'push_model' AND m.push_model = l.value)
        OR (l.attribute = 'three_level_structure' AND m.three_level_structure)
    WHERE l.subject IS NULL
    GROUP BY l.list_id
),
subject_members AS (
    SELECT
        l.list_id,
        len(string_split(p.research_partners, ';')) AS named,
        p.research_partners AS names_zh,
        p.research_partners AS names_en
    FROM named_lists AS l
    JOIN provinces AS p ON p.adcode = l.subject AND l.attribute = 'research_partners'
)
SELECT
    l.list_id,
    l.subject,
    l.attribute,
    l.value,
    l.is_open,
    coalesce(pm.named, sm.named, 0) AS named,
    coalesce(pm.names_zh, sm.names_zh) AS names_zh,
    coalesce(pm.names_en, sm.names_en) AS names_en,
    l.source_ref,
    l.excerpt
FROM named_lists AS l
LEFT JOIN province_members AS pm USING (list_id)
LEFT JOIN subject_members AS sm USING (list_id)
ORDER BY l.list_id;
