-- title: Provinces of one push model
-- title_zh: 某一推进模式的省份
-- purpose: Provincial-level units the article puts in push model $push_model (1, 2, 3 or jiangsu), with what it says of them; push_model_list_open is true where the article's list ends in 等 (named in the source, list not exhaustive).
-- purpose_zh: 原文归入推进模式 $push_model（1、2、3 或 jiangsu）的省级单位及原文的描述；原文名单以“等”结尾时 push_model_list_open 为 true（来源列举，未尽列）。
-- param push_model: text 1
SELECT adcode, name_zh, name_en, push_model, label_en, push_model_list_open, three_level_structure,
    research_partners, source_ref
FROM v_province_models
WHERE push_model = $push_model
ORDER BY adcode;
