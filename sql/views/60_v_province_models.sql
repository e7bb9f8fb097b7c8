-- v_province_models: one row per provincial-level unit of China, with what the source says of it (¶5-¶7).
-- adcode: provincial adcode
-- name_zh: name in Chinese
-- name_en: name in English
-- push_model: 1, 2, 3 or jiangsu; empty = not classified in the source
-- label_zh: push model in Chinese (empty when not classified)
-- label_en: push model in English (empty when not classified)
-- push_model_note_zh: how the source describes that model, in Chinese
-- push_model_note_en: how the source describes that model, in English
-- three_level_structure: true where the source says a matched province-city-county structure was completed; empty = not in source
-- research_partners: research partners the source names, ';'-separated
-- classified: true when the source says anything about the province
-- source_ref: paragraphs the row draws on
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
