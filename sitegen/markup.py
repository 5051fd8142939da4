"""Markdown for content/ pages: raw HTML off, sentence anchors, links between pages.

`[a sentence]{#p3s2}` (Pandoc's bracketed-span syntax) becomes
`<span class="sentence" id="p3s2">a sentence</span>`, so every sentence of a source
can be linked to. A link to another content page by its file (`../actors/x.md#frag`)
becomes a link to that page on the site, as MkDocs does.
"""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")


def escape_markdown(text: str) -> str:
    """Text that Markdown will show exactly as written."""
    return _MD_SPECIAL.sub(r"\\\1", text)


SPAN_RE = r"\[((?:\\.|[^\]\\])*)\]\{#([A-Za-z][\w-]*)\}"
SAFE_SCHEMES = ("http:", "https:", "mailto:")


class SentenceSpan(InlineProcessor):
    def handleMatch(self, m, data):
        el = etree.Element("span")
        el.set("class", "sentence")
        el.set("id", m.group(2))
        el.text = AtomicString(re.sub(r"\\(.)", r"\1", m.group(1)))
        return el, m.start(0), m.end(0)


class PageLinks(Treeprocessor):
    """Rewrite links to content/*.md files into site URLs; neutralise unsafe schemes."""

    def __init__(self, md, page_dir: str, root: str):
        super().__init__(md)
        self.page_dir, self.root = page_dir, root

    def run(self, root_el):
        for a in root_el.iter("a"):
            href = a.get("href", "")
            target, _, frag = href.partition("#")
            if target.endswith(".md") and "://" not in target:
                path = posixpath.normpath(posixpath.join(self.page_dir, target))
                if path.startswith("../") or path.startswith("/"):
                    continue
                url = self.root + path[:-3] + "/"
                a.set("href", url + ("#" + frag if frag else ""))
            elif ":" in target.split("/")[0] and not target.lower().startswith(SAFE_SCHEMES):
                a.set("href", "#")        # javascript:, data: ... never reach the page


class SitegenMarkdown(Extension):
    def __init__(self, page_dir: str = "", root: str = "", **kwargs):
        self.page_dir, self.root = page_dir, root
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.register(SentenceSpan(SPAN_RE, md), "sentence_span", 175)
        md.treeprocessors.register(PageLinks(md, self.page_dir, self.root), "page_links", 5)


_converters: dict[tuple[str, str], markdown.Markdown] = {}


def to_html(text: str, page_dir: str = "", root: str = "") -> str:
    """Render a content page body. page_dir is the page's folder inside content/
    ("events"); root is the relative way from the page's URL back to the site root.
    One converter per (folder, root), reset between pages: setting one up costs more
    than a short page."""
    md = _converters.get((page_dir, root))
    if md is None:
        md = _converters[(page_dir, root)] = markdown.Markdown(
            extensions=[SitegenMarkdown(page_dir=page_dir, root=root)], output_format="html")
    return md.reset().convert(text)
