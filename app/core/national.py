"""The national models page's rules: which provinces the source classifies, and how."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

MODEL_ORDER = ("1", "2", "3", "jiangsu")


@dataclass(frozen=True)
class ModelGroup:
    code: str
    label: str
    note: str
    provinces: list[str]


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

    def partners(value: object) -> str:
        if not isinstance(value, str) or not value:
            return not_in_source
        return ("、" if zh else ", ").join(value.split(";"))

    three = rows["three_level_structure"].astype("boolean")
    return pd.DataFrame(
        {
            t("models.col.province"): rows["name_zh" if zh else "name_en"].tolist(),
            t("models.col.push_model"): [text(v) for v in rows["label_zh" if zh else "label_en"]],
            t("models.col.description"): [
                text(v) for v in rows["push_model_note_zh" if zh else "push_model_note_en"]
            ],
            t("models.col.three_level"): [
                t("models.yes") if v is True else not_in_source for v in three.tolist()
            ],
            t("models.col.partners"): [partners(v) for v in rows["research_partners"]],
            t("models.col.source_ref"): rows["source_ref"].tolist(),
        }
    )
