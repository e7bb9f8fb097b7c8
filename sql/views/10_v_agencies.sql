-- v_agencies: one row per agency of the active snapshot (SET VARIABLE snapshot; 'seed' when unset).
-- agency_id: stable identifier of the agency within its snapshot
-- snapshot: which data set the row belongs to ('seed' = the article; others are imported rosters)
-- level: province, city or county
-- division_adcode: adcode of the unit it serves; empty for a county agency whose county the source does not name
-- division_zh: Chinese name of that unit (empty when unnamed)
-- division_en: English name of that unit (empty when unnamed)
-- city_adcode: adcode of the city the unit belongs to (the unit itself for a city)
-- name_zh: agency name in Chinese
-- name_en: agency name in English
-- nature: administrative or public_institution; empty = not in source
-- host: code of the body it is attached to (plaque hung at) or constituent_department / independent
-- rank: administrative rank where stated (e.g. deputy_department)
-- confidence: stated, derived or imported
-- excerpt: the verbatim words of the source the row rests on (traditional characters)
-- source_ref: paragraph(s) of the article or the imported file it comes from
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
