-- title: County agencies by host
-- title_zh: 县级机构按挂靠单位统计
-- purpose: How many county-level big-data agencies each host has in the active snapshot, keeping hosts with at least $min_n agencies.
-- purpose_zh: 当前快照中各挂靠单位下的县级大数据机构数量，只保留机构数不少于 $min_n 的挂靠单位。
-- param min_n: int 1
SELECT host, label_zh, label_en, n, round(share, 4) AS share
FROM v_county_host
WHERE n >= $min_n
ORDER BY n DESC, host;
