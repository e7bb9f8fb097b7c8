-- title: Figures that differ or cannot be computed
-- title_zh: 与原文不符或无法计算的数字
-- purpose: Numbers the article states whose value computed from the rows differs, or which the rows cannot give; include matches too by setting $include_matches to true. basis says whether a match confirms the source on named rows or only checks placeholder rows.
-- purpose_zh: 原文所述数字中，由各行算出的值与原文不同或无法计算的项；把 $include_matches 设为 true 可同时显示相符项。basis 说明相符是印证了来源（各行逐一点名其单位），还是只是一致性核对（各行本身按原文的数字写成）。
-- param include_matches: bool false
SELECT figure_id, scope, reported, computed, status, basis, source_ref
FROM v_reported_vs_computed
WHERE status <> 'match' OR $include_matches
ORDER BY status, figure_id;
