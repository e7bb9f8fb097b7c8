-- title: Claims of one agency or province, with their confidence
-- title_zh: 某个机构或省份的各条说法及其可信度
-- purpose: Each attribute the app shows of one agency (nature, host, rank) or province (push model, three-level structure, research partners), with its confidence (stated, derived, unknown, imported), paragraph and the source's words, for the active snapshot; set $subject to an agency_id (e.g. js-city-321200, Taizhou) or a province's adcode (e.g. 440000).
-- purpose_zh: 当前快照中某个机构（性质、挂靠单位、级别）或省份（推进模式、三级架构、研究合作单位）每项属性的说法、可信度（原文明示、由原文推得、来源未说明、导入名册）、段落和来源原文；$subject 填 agency_id（如泰州 js-city-321200）或省份代码（如 440000）。
-- param subject: text js-city-321200
SELECT attribute, value, confidence, source_ref, excerpt
FROM v_claims
WHERE subject_id = $subject
ORDER BY list_position(
    ['nature', 'host', 'rank', 'push_model', 'three_level_structure', 'research_partners'], attribute
);
