-- v_county_coverage: one row per coverage state of Jiangsu's county-level units (¶5).
-- coverage: with_agency or without_agency
-- label_zh: coverage state in Chinese
-- label_en: coverage state in English
-- n: number of county-level units in that state
-- share: n as a share of all county-level units
CREATE VIEW v_county_coverage AS
WITH counts AS (
    SELECT
        (SELECT count(*) FROM divisions WHERE level = 'county' AND left(adcode, 2) = '32') AS units,
        (SELECT count(*) FROM v_agencies WHERE level = 'county') AS with_agency
),
states AS (
    SELECT 'with_agency' AS coverage, with_agency AS n, units FROM counts
    UNION ALL
    SELECT 'without_agency', units - with_agency, units FROM counts
)
SELECT s.coverage, c.label_zh, c.label_en, s.n, s.n / s.units AS share
FROM states AS s
JOIN codes AS c ON c.domain = 'coverage' AND c.code = s.coverage
ORDER BY c.sort_order;
