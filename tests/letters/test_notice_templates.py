"""Templates the user overrides, and what a broken or hostile one gets: one sentence, no run."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from arsheet.errors import TemplateFailed
from arsheet.letters.compose import compose
from arsheet.letters.environment import environment

from .notice_book import book, notice


def _override(folder: Path, name: str, text: str) -> Path:
    """Put ``text`` as the user's template ``name`` beside a book in ``folder``; return the book."""
    (folder / "letters").mkdir(exist_ok=True)
    (folder / "letters" / name).write_text(text, encoding="utf-8")
    return folder / "debt_tracker.xlsx"


def test_a_template_beside_the_book_replaces_arsheets_own(tmp_path: Path) -> None:
    path = _override(tmp_path, "first_notice.en.html", "<p>Ours: {{ customer.name }}</p>\n")
    composed = compose(notice(1), book(), environment(path))
    assert composed.html == "<p>Ours: ACME Industries</p>\n"
    # The other formats, and the other levels, still come from arsheet.
    assert "FIRST NOTICE" in composed.text
    assert "first notice" in composed.subject
    assert "<h1>Second notice" in compose(notice(2), book(), environment(path)).html


def test_an_override_may_extend_arsheets_layout(tmp_path: Path) -> None:
    path = _override(
        tmp_path,
        "first_notice.en.html",
        '{% extends "notice.en.html" %}{% block heading %}Please pay{% endblock %}',
    )
    html = compose(notice(1), book(), environment(path)).html
    assert "<h1>Please pay</h1>" in html
    assert "Total to pay (CNY)" in html
    assert ">110.41</td>" in html


@pytest.mark.parametrize(
    "name",
    [
        "<script>alert('x')</script>",
        "{{ 7*7 }}",
        "{% for x in range(3) %}loop{% endfor %}",
        "ACME & Sons <b>Ltd</b>",
    ],
)
def test_a_customer_name_is_printed_as_typed_and_escaped_in_html(name: str) -> None:
    composed = compose(notice(1), book(customer_name=name, contact=""), environment())
    assert name in composed.text
    assert "49" not in composed.text
    assert "looploop" not in composed.text
    assert "49" not in composed.html
    assert "looploop" not in composed.html
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped.replace("'", "&#39;") in composed.html
    assert "<script>" not in composed.html
    assert "<b>Ltd" not in composed.html


@pytest.mark.parametrize(
    "reach",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ notice.__class__.__init__.__globals__['__builtins__'] }}",
        "{{ lines.__class__.__subclasses__() }}",
    ],
)
def test_a_template_reaching_for_python_is_refused(tmp_path: Path, reach: str) -> None:
    path = _override(tmp_path, "first_notice.en.html", f"<p>Hello</p>\n{reach}\n")
    with pytest.raises(TemplateFailed) as refused:
        compose(notice(1), book(), environment(path))
    message = refused.value.message("en")
    assert "letters/first_notice.en.html, line 2," in message
    assert "may not use" in message
    assert "第 2 行" in refused.value.message("zh")


@pytest.mark.parametrize(
    "huge",
    [
        '{{ "a" * 10**10 }}',
        "{{ [0] * 10**8 }}",
        "{{ 9 ** 99999999 }}",
        '{{ "%999999999s" % "x" }}',
        '{{ "%999999999s"|format("x") }}',
        '{{ "x"|center(10**9) }}',
    ],
)
def test_a_template_making_a_huge_value_is_refused_not_run(tmp_path: Path, huge: str) -> None:
    """A user's template could otherwise exhaust memory: the sandbox guards code, not size."""
    path = _override(tmp_path, "first_notice.en.html", f"<p>Hello</p>\n{huge}\n")
    with pytest.raises(TemplateFailed) as refused:
        compose(notice(1), book(), environment(path))
    assert "letters/first_notice.en.html, line 2," in refused.value.message("en")


def test_a_syntax_error_is_told_at_its_file_and_line(tmp_path: Path) -> None:
    path = _override(tmp_path, "first_notice.en.txt", "Dear {{ customer.name }},\n\n{% if %}\n")
    with pytest.raises(TemplateFailed) as failed:
        compose(notice(1), book(), environment(path))
    assert failed.value.template == "letters/first_notice.en.txt"
    assert failed.value.line == 3
    assert "no letters were written" in str(failed.value)


def test_a_misspelt_field_is_an_error_not_a_blank(tmp_path: Path) -> None:
    path = _override(tmp_path, "first_notice.en.subject", "Pay {{ totl|amount }}\n")
    with pytest.raises(TemplateFailed) as failed:
        compose(notice(1), book(), environment(path))
    assert (failed.value.template, failed.value.line) == ("letters/first_notice.en.subject", 1)
    assert "'totl' is undefined" in str(failed.value)


def test_an_error_in_the_layout_an_override_extends_names_the_layout(tmp_path: Path) -> None:
    _override(tmp_path, "notice.en.html", "<p>{{ company.nmae }}</p>\n")
    with pytest.raises(TemplateFailed) as failed:
        compose(notice(1), book(), environment(tmp_path / "debt_tracker.xlsx"))
    assert (failed.value.template, failed.value.line) == ("letters/notice.en.html", 1)


def test_a_missing_template_is_named() -> None:
    unknown = replace(notice(1), template="gentle_nudge")
    with pytest.raises(TemplateFailed) as failed:
        compose(unknown, book(), environment())
    assert failed.value.template == "gentle_nudge.en.subject"
    assert "no such template" in str(failed.value)
    assert "找不到该模板" in failed.value.message("zh")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.text(min_size=1, max_size=40).filter(lambda t: t.strip() == t and t.isprintable()))
def test_any_customer_name_is_text_in_every_letter(name: str) -> None:
    composed = compose(notice(1), book(customer_name=name, contact=""), environment())
    assert f"Dear {name}," in composed.text
    assert f"Dear {escape(name)}," in composed.html
