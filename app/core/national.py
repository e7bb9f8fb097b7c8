"""The national models page's rules: which provinces the source classifies, and how.

The source's lists of provinces often end in 等 ("and others"): v_province_models says
which (the *_list_open columns, from the named_lists table), and every list shown from it
says it holds the provinces the source names, not all of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

MODEL_ORDER = ("1", "2", "3", "jiangsu")
# Endings a provincial-level unit's short name drops (江苏省 -> 江苏, 广西壮族自治区 -> 广西):
# the longer ending first, so 自治区 is not taken before 壮族自治区.
_ZH_ENDINGS = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")


@dataclass(frozen=True)
class ModelGroup:
    code: str
    label: str
    note: str
    provinces: list[str]
    open: bool = False  # the source's list ends in 等: named members only


def short_name(name_zh: str) -> str:
    """A provincial-level unit's name as a map writes it: 江苏 for 江苏省, 内蒙古 for
    内蒙古自治区 (English names are short already)."""
    for ending in _ZH_ENDINGS:
        if name_zh.endswith(ending) and len(name_zh) > len(ending) + 1:
            return name_zh.removesuffix(ending)
    return name_zh


def names(items: list[str], open_list: bool, t: Callable[..., str]) -> str:
    """A list of names in the reader's language; an open list says it is not exhaustive."""
    joined = t("app.list_separator").join(items)
    return t("app.open_list", names=joined) if open_list else joined


def classified(models: pd.DataFrame) -> pd.DataFrame:
    """v_province_models rows the source says anything about."""
    return models[models["classified"].astype(bool)]


def groups(models: pd.DataFrame, lang: str) -> list[ModelGroup]:
    """The push models in order, each with its description and its provinces."""
    zh = lang == "zh"
    out = []
    rows = classified(models)
    for code in MODEL_ORDER:
        members = rows[rows["push_model"] == code]
        if members.empty:
            continue
        first = members.iloc[0]
        out.append(
            ModelGroup(
                code,
                str(first["label_zh" if zh else "label_en"]),
                str(first["push_model_note_zh" if zh else "push_model_note_en"]),
                members["name_zh" if zh else "name_en"].tolist(),
                bool(members["push_model_list_open"].eq(True).any()),
            )
        )
    return out


def table(models: pd.DataFrame, lang: str, t: Callable[..., str]) -> pd.DataFrame:
    """The classified provinces as shown (and downloaded), in the current language."""
    zh = lang == "zh"
    rows = classified(models)
    not_in_source = t("app.not_in_source")

    def text(value: object) -> str:
        return str(value) if isinstance(value, str) and value else not_in_source

    def partners(value: object, open_list: object) -> str:
        if not isinstance(value, str) or not value:
            return not_in_source
        return names(value.split(";"), open_list is True, t)

    def three_level(value: object, open_list: object) -> str:
        if value is not True:
            return not_in_source
        return t("models.yes_open") if open_list is True else t("models.yes")

    three = rows["three_level_structure"].astype("boolean").tolist()
    return pd.DataFrame(
        {
            t("models.col.province"): rows["name_zh" if zh else "name_en"].tolist(),
            t("models.col.push_model"): [text(v) for v in rows["label_zh" if zh else "label_en"]],
            t("models.col.description"): [
                text(v) for v in rows["push_model_note_zh" if zh else "push_model_note_en"]
            ],
            t("models.col.three_level"): [
                three_level(v, o)
                for v, o in zip(three, rows["three_level_list_open"].tolist(), strict=True)
            ],
            t("models.col.partners"): [
                partners(v, o)
                for v, o in zip(
                    rows["research_partners"].tolist(),
                    rows["research_partners_list_open"].tolist(),
                    strict=True,
                )
            ],
            t("models.col.source_ref"): rows["source_ref"].tolist(),
        }
    )
