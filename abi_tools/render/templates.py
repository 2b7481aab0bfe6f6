"""The Jinja2 templates and static files under ``templates/html``, for every HTML output.

The site (:mod:`.html`) and the diff report (:mod:`.diff_html`) share one
environment, one base template and one stylesheet, so they look alike and a
style fixed once is fixed for both.
"""

from __future__ import annotations

import functools
from importlib import resources

import jinja2


@functools.cache
def environment() -> jinja2.Environment:
    """Autoescaping on, and an undefined name is an error rather than empty text."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("abi_tools", "templates/html"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def static_file(name: str) -> bytes:
    """One of our static files (``style.css``, ``search.js``), as shipped."""
    return (resources.files("abi_tools") / "templates" / "html" / "static" / name).read_bytes()
