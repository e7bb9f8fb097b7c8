-- v_gap_statements: one row per (province, gap dimension) the source says something about (¶2 dimensions; ¶5-¶7 statements); absent = not in source.
-- adcode: provincial adcode
-- dimension: organisational_structure, coordination_push, theory_research or digital_capability (¶2)
-- statement_zh: what the source says, in Chinese (simplified)
-- statement_en: what the source says, in English
-- excerpt: the verbatim words of the source (traditional characters; parts joined by " … ")
-- source_ref: the paragraph it comes from
CREATE VIEW v_gap_statements AS
WITH model_excerpts(push_model, excerpt) AS (
    VALUES
        ('1', '廣東、上海、浙江等省市,黨政主要負責同志親自推動、政府辦公廳(室)統籌協調、數據管理部門具體推進,數字政府建設改革推動力度最大'),
        ('2', '河南、安徽、山東等省份,行政機構上下對應,但辦公廳發揮統籌協調的作用稍弱,在項目管理和財政資金使用上掣肘較多,建設改革推動力度次之'),
        ('3', '第三種四川、內蒙古模式,省大數據中心作為省政府直屬的正廳級事業單位,雖能及時向分管省領導匯報工作進展并協調解決一些多跨堵點問題,但因法定行政職能不足,在推動數字政府建設上力不從心'),
        ('jiangsu', '江蘇的數字政府建設模式相對以上三種模式,組織架構優化、高位協調和協同推動力度亟須強化')
),
literal(adcode, dimension, statement_zh, statement_en, excerpt, source_ref) AS (
    VALUES
        ('320000', 'organisational_structure',
         '省级设省大数据管理中心(副厅级事业单位),由省政务办管理;13 个设区市的机构性质不一、隶属关系各不相同;95 个县(市、区)中 76 个设有机构,分别挂靠在 6 类部门,县级层面更加复杂。',
         'The province has a Big Data Administration Center (a deputy-department-level public institution) managed by the Government Services Office; the 13 cities'' agencies differ in nature and in whom they answer to; 76 of the 95 county-level units have an agency, hosted by six kinds of body: the county level is more complex still.',
         '省級層面成立省大數據管理中心(副廳級事業單位),承擔全省大數據管理具體工作,由省政務辦管理 … 13個設區市都設立了性質不一的大數據管理機構 … 隸屬關系也各不相同 … 縣(市、區)層面更加復雜,全省95個縣(市、區)中,有76個設有大數據管理機構',
         'article#p5'),
        ('320000', 'theory_research',
         '相较于浙江、广东等先行省份,江苏省数字政府建设改革理论创新氛围尚未完全形成。',
         'Compared with leading provinces such as Zhejiang and Guangdong, Jiangsu has not yet fully formed a climate of theory innovation for digital-government reform.',
         '相較于浙江、廣東等先行省份,江蘇省數字政府建設改革理論創新氛圍尚未完全形成',
         'article#p7'),
        ('320000', 'digital_capability',
         '理论体系不健全,影响各级领导干部数字思维的提升;推进政府数字化转型的理论储备和系统举措不多,数字化的管理能力和行政履职能力提高不够。',
         'An incomplete body of theory holds back leaders'' digital thinking; there are few theoretical reserves and systematic measures for the digital transformation, and digital management and administrative capability have not risen enough.',
         '理論體系的不健全,一定程度又影響各級領導干部數字思維的提升,造成推進政府數字化轉型的理論儲備和系統舉措不多,數字化的管理能力和行政履職能力提高不夠',
         'article#p7'),
        ('330000', 'theory_research',
         '高度重视实践基础上的数字政府理论研究:之江实验室与浙江大学双轮驱动数字化改革创新,形成一系列数字化改革理论,已在全国形成先发优势。',
         'Values digital-government theory grounded in practice: Zhejiang Lab and Zhejiang University drive digital-reform innovation together and have produced a body of theory, a first-mover advantage nationwide.',
         '浙江省高度重視實踐基礎上的數字政府理論研究,之江實驗室與浙江大學雙輪驅動數字化改革創新,形成了一系列數字化改革理論,已在全國形成先發優勢',
         'article#p7'),
        ('440000', 'theory_research',
         '推动形成数字政府建设改革理论研究协同创新机制:中山大学、数广公司、华为、腾讯等共同推动改革理论创新,在全国造成了一定影响。',
         'Has built a collaborative research mechanism for digital-government reform theory: Sun Yat-sen University, Digital Guangdong, Huawei and Tencent drive theory innovation together, with some national influence.',
         '廣東省推動形成數字政府建設改革理論研究協同創新機制,中山大學、數廣公司、華為、騰訊等一流優秀的企事業單位共同推動改革理論創新,在全國造成了一定的影響力',
         'article#p7')
)
SELECT adcode, dimension, statement_zh, statement_en, excerpt, source_ref
FROM literal
UNION ALL
SELECT
    p.adcode,
    'organisational_structure',
    '已利用上一轮机构改革的契机,构建完成权责清晰、上下对口的省市县三级数字政府建设组织架构,一体化统筹管理标准实施、资金使用、项目建设、数据治理、安全防护和考核监督等重点工作。',
    'Used the previous institutional reform to complete a clear, vertically matched province-city-county three-level structure for digital government, managing standards, funds, projects, data governance, security and assessment as one.',
    '廣東、浙江、山東、河南、安徽、貴州等多個省份都已利用上一輪機構改革的契機,構建完成了權責清晰、上下對口的省市縣三級數字政府建設的組織架構',
    'article#p5'
FROM provinces AS p
WHERE p.three_level_structure
UNION ALL
SELECT
    p.adcode,
    'coordination_push',
    c.label_zh || ':' || p.push_model_note_zh,
    c.label_en || ': ' || p.push_model_note_en,
    m.excerpt,
    'article#p6'
FROM provinces AS p
JOIN model_excerpts AS m ON m.push_model = p.push_model
JOIN codes AS c ON c.domain = 'push_model' AND c.code = p.push_model
ORDER BY adcode, dimension;
