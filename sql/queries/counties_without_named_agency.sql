-- title: County-level units with no named agency
-- title_zh: 没有具名机构的县级单位
-- purpose: Jiangsu's county-level units that no agency of the active snapshot names; with the seed this is every county, because the source gives counts, not names.
-- purpose_zh: 当前快照中没有任何机构对应的江苏县级单位；种子数据只有数量没有县名，所以会列出全部县级单位。
SELECT d.adcode, d.name_zh, d.name_en, p.name_zh AS city_zh, p.name_en AS city_en
FROM divisions AS d
LEFT JOIN divisions AS p ON p.adcode = d.parent_adcode
WHERE d.level = 'county'
  AND left(d.adcode, 2) = '32'
  AND d.adcode NOT IN (
      SELECT division_adcode FROM v_agencies WHERE level = 'county' AND division_adcode IS NOT NULL
  )
ORDER BY d.adcode;
