"""An ABI diff as one self-contained HTML file, in the site's look.

``diff.html`` extends the site's ``base.html``; the site's own ``style.css``
is inlined (the report is a single file, to attach or to open from
``file://``), so light and dark styles and the phone layout are the site's.
Everything from the inputs is escaped by Jinja2's autoescape.
"""

from __future__ import annotations

from markupsafe import Markup

from abi_tools.diff import CLASSES, DiffResult
from abi_tools.render.templates import environment, static_file


def inline_stylesheet() -> Markup:
    """style.css as the body of a <style> element (our own file: only a
    ``</`` could end the element early, and CSS reads ``<\\/`` the same)."""
    return Markup(static_file("style.css").decode("utf-8").replace("</", "<\\/"))


def render_diff_html(result: DiffResult, problems: list[str], old_label: str, new_label: str) -> str:
    return (
        environment()
        .get_template("diff.html")
        .render(
            root="",
            old_label=old_label,
            new_label=new_label,
            summary=result.summary,
            totals=result.totals(),
            classes=CLASSES,
            changes=result.changes,
            problems=problems,
            stylesheet=inline_stylesheet(),
        )
    )
