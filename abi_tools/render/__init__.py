"""Renderers: the parsed model as an HTML site, man pages, JSON and ReST.

One module per output (:mod:`.html`, :mod:`.man`, :mod:`.json`, :mod:`.rest`),
with shared pieces: :mod:`.rst` (one description -> HTML with docutils),
:mod:`.anchors` (stable ids), :mod:`.xref` (path -> entry matching) and
:mod:`.write` (atomic output).
"""
