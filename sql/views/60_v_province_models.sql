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
    p.adcode IS NOT NULL AS classified,
    p.source_ref
FROM divisions AS d
LEFT JOIN provinces AS p ON p.adcode = d.adcode
LEFT JOIN codes AS c ON c.domain = 'push_model' AND c.code = p.push_model
WHERE d.level = 'province'
ORDER BY d.adcode;
