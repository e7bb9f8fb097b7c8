-- v_province_models: one row per provincial-level unit of China, with what the source says of it (¶5-¶7).
--   zh: 每行为全国一个省级单位，附来源对其的说明（第 5–7 段）。
-- adcode: provincial adcode
--   zh: 省级行政区划代码
-- name_zh: name in Chinese
--   zh: 中文名称
-- name_en: name in English
--   zh: 英文名称
-- push_model: 1, 2, 3 or jiangsu; empty = not classified in the source
--   zh: 1、2、3 或 jiangsu；为空表示来源未归类
-- label_zh: push model in Chinese (empty when not classified)
--   zh: 推进模式中文名称（未归类时为空）
-- label_en: push model in English (empty when not classified)
--   zh: 推进模式英文名称（未归类时为空）
-- push_model_note_zh: how the source describes that model, in Chinese
--   zh: 来源对该模式的中文描述
-- push_model_note_en: how the source describes that model, in English
--   zh: 来源对该模式的英文描述
-- three_level_structure: true where the source says a matched province-city-county structure was completed; empty = not in source
--   zh: 来源称已建成省市县对应的三级架构时为 true；为空表示来源未说明
-- research_partners: research partners the source names, ';'-separated
--   zh: 来源点名的研究合作单位，以 ';' 分隔
-- push_model_list_open: true when the source's list of that model's provinces ends in 等 (named in the source, list not exhaustive: other provinces may share the model); empty when not classified
--   zh: 来源列举该模式省份的名单以“等”结尾时为 true（来源列举，未尽列：其他省份也可能属于该模式）；未归类时为空
-- three_level_list_open: true when the source's list of provinces with a completed three-level structure ends in 等 (named in the source, list not exhaustive); empty when the province is not named in it
--   zh: 来源列举已建成三级架构省份的名单以“等”结尾时为 true（来源列举，未尽列）；该省未被列举时为空
-- research_partners_list_open: true when the source's list of the province's research partners ends in 等 (named in the source, list not exhaustive); empty when it names none
--   zh: 来源列举该省理论研究合作方的名单以“等”结尾时为 true（来源列举，未尽列）；未列举合作方时为空
-- classified: true when the source says anything about the province
--   zh: 来源对该省有任何说明时为 true
-- source_ref: paragraphs the row draws on
--   zh: 该行依据的段落
CREATE VIEW v_province_models AS
SELECT
    d.adcode,
    d.name_zh,
    d.name_en,
    p.push_model,
    c.label_zh,
    c.label_en,
    p.push_model_note_zh,
    p.push_model_note_en,
    p.three_level_structure,
    p.research_partners,
    pm.is_open AS push_model_list_open,
    tl.is_open AS three_level_list_open,
    rp.is_open AS research_partners_list_open,
    p.adcode IS NOT NULL AS classified,
    p.source_ref
FROM divisions AS d
LEFT JOIN provinces AS p ON p.adcode = d.adcode
LEFT JOIN codes AS c ON c.domain = 'push_model' AND c.code = p.push_model
LEFT JOIN named_lists AS pm
    ON pm.subject IS NULL AND pm.attribute = 'push_model' AND pm.value = p.push_model
LEFT JOIN named_lists AS tl
    ON tl.subject IS NULL AND tl.attribute = 'three_level_structure' AND p.three_level_structure
LEFT JOIN named_lists AS rp ON rp.subject = p.adcode AND rp.attribute = 'research_partners'
WHERE d.level = 'province'
ORDER BY d.adcode;
