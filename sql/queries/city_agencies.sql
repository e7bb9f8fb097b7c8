-- title: City agencies, nature and host
-- title_zh: 市级机构的性质与挂靠单位
-- purpose: Each city's big-data agency with its nature and host; set $host to a host code (e.g. industry_it_bureau) to keep only that host, or leave it empty for all.
-- purpose_zh: 各设区市大数据机构的性质与挂靠单位；$host 填挂靠单位代码（如 industry_it_bureau）只看该类，留空看全部。
-- param host: text
SELECT division_adcode, division_zh, division_en, name_zh, nature, host, confidence, source_ref
FROM v_agencies
WHERE level = 'city' AND ($host = '' OR host = $host)
ORDER BY division_adcode;
