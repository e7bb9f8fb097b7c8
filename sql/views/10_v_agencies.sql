-- v_agencies: one row per agency of the active snapshot (SET VARIABLE snapshot; 'seed' when unset).
--   zh: 每行为当前快照中的一个机构（SET VARIABLE snapshot；未设置时为 'seed'）。
-- agency_id: stable identifier of the agency within its snapshot
--   zh: 机构在其快照内的稳定标识
-- snapshot: which data set the row belongs to ('seed' = the article; others are imported rosters)
--   zh: 该行所属的数据集（'seed' 为文章，其他为导入的名册）
-- level: province, city or county
--   zh: 省级、市级或县级
-- division_adcode: adcode of the unit it serves; empty for a county agency whose county the source does not name
--   zh: 所服务行政区的代码；来源未点名所在县的县级机构为空
-- division_zh: Chinese name of that unit (empty when unnamed)
--   zh: 该行政区的中文名称（未点名时为空）
-- division_en: English name of that unit (empty when unnamed)
--   zh: 该行政区的英文名称（未点名时为空）
-- city_adcode: adcode of the city the unit belongs to (the unit itself for a city)
--   zh: 该行政区所属设区市的代码（设区市本身即为自身代码）
-- name_zh: agency name in Chinese
--   zh: 机构中文名称
-- name_en: agency name in English
--   zh: 机构英文名称
-- nature: administrative or public_institution; empty = not in source
--   zh: 行政单位或事业单位；为空表示来源未说明
-- host: code of the body it is attached to (plaque hung at) or constituent_department / independent
--   zh: 挂靠单位（挂牌所在单位）代码，或政府组成部门 / 独立机构
-- rank: administrative rank where stated (e.g. deputy_department)
--   zh: 来源说明的行政级别（如副厅级）
-- confidence: stated, derived or imported
--   zh: 来源明确说明、推导得出或导入
-- excerpt: the verbatim words of the source the row rests on (traditional characters)
--   zh: 该行依据的来源原文（繁体字）
-- source_ref: paragraph(s) of the article or the imported file it comes from
--   zh: 来源文章的段落或导入的文件
CREATE VIEW v_agencies AS
SELECT
    a.agency_id,
    a.snapshot,
    a.level,
    a.division_adcode,
    d.name_zh AS division_zh,
    d.name_en AS division_en,
    CASE a.level WHEN 'city' THEN a.division_adcode WHEN 'county' THEN d.parent_adcode END AS city_adcode,
    a.name_zh,
    a.name_en,
    a.nature,
    a.host,
    a.rank,
    a.confidence,
    a.excerpt,
    a.source_ref
FROM agencies AS a
LEFT JOIN divisions AS d ON d.adcode = a.division_adcode
WHERE a.snapshot = coalesce(getvariable('snapshot'), 'seed');
