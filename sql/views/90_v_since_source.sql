-- v_since_source: one row per change after the article that public reports describe, oldest first: reported elsewhere, not from the article, and never joined into a figure checked against it.
--   zh: 每行一项文章之后公开报道所述的变化，按时间先后排列：来自其他报道，并非来自文章，从不并入与文章核对的数字。
-- item_id: stable identifier of the change
--   zh: 该项变化的稳定标识
-- happened: when, as vague as the reports give it: a day, a month (2024-01) or "by YYYY"
--   zh: 发生时间，与报道一样模糊：某日、某月（2024-01）或“by YYYY”（某年之前）
-- what_zh: what changed, in Chinese
--   zh: 变化内容（中文）
-- what_en: what changed, in English
--   zh: 变化内容（英文）
-- source_url: the public addresses of the reports, ';'-separated, as found (shown as text, never as links)
--   zh: 报道的公开网址，以 ';' 分隔，按所见记录（只作文字显示，不作链接）
-- confidence: always reported: public reports say so; the article does not
--   zh: 恒为 reported：公开报道所述，文章并未说明
-- how_sure_zh: how sure, in Chinese: which reports agree, what each attests
--   zh: 可信程度（中文）：哪些报道一致，各自证实什么
-- how_sure_en: how sure, in English: which reports agree, what each attests
--   zh: 可信程度（英文）：哪些报道一致，各自证实什么
-- not_reported_zh: what no public report reached says, in Chinese (shown as unknown); empty when nothing is listed
--   zh: 所查公开报道均未说明的内容（中文），显示为未知；无则为空
-- not_reported_en: what no public report reached says, in English (shown as unknown); empty when nothing is listed
--   zh: 所查公开报道均未说明的内容（英文），显示为未知；无则为空
CREATE VIEW v_since_source AS
SELECT
    item_id, happened, what_zh, what_en, source_url, confidence,
    how_sure_zh, how_sure_en, not_reported_zh, not_reported_en
FROM since_source
-- ISO dates sort as text; "by 2025" sorts as 2025 (after every date within 2024)
ORDER BY regexp_extract(happened, '[0-9].*'), happened, item_id;
