"""Renderers: the parsed model as an HTML site, man pages, JSON and ReST.

One module per output (:mod:`.html`, :mod:`.man`, :mod:`.json`, :mod:`.rest`,
and :mod:`.diff_html` for the diff report), with shared pieces: :mod:`.rst`
(one description -> HTML with docutils), :mod:`.templates` (the Jinja2
environment and static files), :mod:`.anchors` (stable ids), :mod:`.xref`
(path -> entry matching), :mod:`.parallel` (pages in forked workers) and
:mod:`.write` (atomic output).
"""
