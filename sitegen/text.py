"""Small text helpers shared by every stage: folding, slugs, model-friendly text."""
from __future__ import annotations

import re
from functools import lru_cache
import unicodedata

# Typographic characters the model reads better in their ASCII form. Each maps one
# character to one character, so offsets in the model's text are offsets in the original.
_MODEL_CHARS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "})


def for_model(text: str) -> str:
    """The text as the model should read it, with the same length and offsets."""
    return text.translate(_MODEL_CHARS)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """A key for comparing names: no case, no accents, words joined by single spaces."""
    text = strip_accents(for_model(text)).casefold()
    return " ".join(re.findall(r"[a-z0-9]+", text))


# names Windows will not give a file or folder, whatever the extension: a site cloned
# there must still check out
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def slugify(text: str, max_length: int = 60) -> str:
    """ASCII, lowercase, hyphen-separated; never empty, never a path, never a name
    Windows reserves."""
    slug = "-".join(fold(text).split())
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    slug = slug or "x"
    return f"{slug}-x" if slug in WINDOWS_RESERVED else slug


def unique_slug(base: str, taken: set[str]) -> str:
    """base, or base-2, base-3... whichever is free; the result is added to taken."""
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def shorten(text: str, limit: int = 100) -> str:
    """Cut at a word boundary and add an ellipsis when longer than limit."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


def web_address(text: str) -> bool:
    """Is this an http(s) address, the only kind of link to an article that reaches the
    site ('javascript:' and the like never do)?"""
    return bool(_WEB_ADDRESS.fullmatch(text))
