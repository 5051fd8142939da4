"""Read the articles of a dossier: decode, take metadata, strip page chrome.

The original text is kept untouched on the Source; the cleaned paragraphs are
verbatim lines (or parts of lines) of it, so every quote taken from them is a
substring of the file.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen import frontmatter
from sitegen.dates import parse_date
from sitegen.files import inside, readable_file
from sitegen.frontmatter import described
from sitegen.lang import load_language
from sitegen.model import InputError, Source
from sitegen.publication import Datelines
from sitegen.rules import declare, enabled
from sitegen.text import fold, shorten, slugify, unique_slug, web_address

if TYPE_CHECKING:
    from sitegen.cache import ExtractionCache

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
ARTICLE_MAX = 2_000_000  # bytes: forty times a long news article; more is a book or a dump
TITLE_MAX = 200          # a longer first line is a paragraph, not a headline
# "date 2030-01" or "date: 2021-03-04" glued at the very start of a file.
METADATA_PREFIX = re.compile(r"^\s*date\s*:?\s*(\d{4}(?:-\d{2}){0,2})\b\s*", re.IGNORECASE)
# A wire or picture slug glued to the first word: "MIDEAST-CRISIS-SYRIALe chef".
WIRE_SLUG = re.compile(r"^([A-Z0-9]+(?:-[A-Z0-9]+){2,})(?=[A-ZÀ-Ý][a-zà-ÿ'’])")
ELLIPSIS_END = re.compile(r"(\.\.\.|…)\s*$")
# A section rubric or breadcrumb above the headline: "Monde - Italie", "Politique > Europe".
BREADCRUMB = re.compile(r"^[^\W\d][\w'’ ]{0,40}(?:\s+[-–›>|/]\s+[^\W\d][\w'’ ]{0,40})+$")
# "(Source : AFP)", "Source: Reuters": the publisher, not article text.
SOURCE_LINE = re.compile(r"^\(?\s*source\s*:\s*([^()]{2,60}?)\s*\)?\.?$", re.IGNORECASE)

# The named rules of ingestion (sitegen.rules): each decides that some lines of a page
# are not the article's text. Switched off, the line stays a paragraph.
CHROME_LINES = declare("ingest.chrome_lines", "Lines the language table knows as page furniture "
                       "('Rechercher', 'Lire aussi : ...', cookie and legal notices) are not text")
REPEATED_LINE = declare("ingest.repeated_line", "A line repeated verbatim in the page (a caption "
                        "shown twice, the lead repeated as a teaser) is text once")
TRUNCATED_TEASER = declare("ingest.truncated_teaser", "A line ending in '...' that repeats the start "
                           "of another paragraph is a teaser of it, not text")
WIRE_SLUG_RULE = declare("ingest.wire_slug", "A wire slug glued to the first word "
                         "('MIDEAST-CRISIS-SYRIALe chef') is not text")
SOURCE_LINE_RULE = declare("ingest.source_line", "A line '(Source : AFP)' names the publisher; it is not text")
BREADCRUMB_RULE = declare("ingest.breadcrumb", "A rubric or breadcrumb above the headline "
                          "('Monde - Italie') is not text")
DATELINES_RULE = declare("ingest.datelines", "The lines that date the article (dateline, dated byline, "
                         "'Publié le ...', a comment's stamp) are taken out of the text")
COMMENTS_RULE = declare("ingest.reader_comments", "Below the first reader comment's time stamp, "
                        "the lines are the readers' comments, not the article")
PLAIN_VIEW = declare("ingest.plain_view", "Furniture is recognised as the reader sees the line: "
                     "without Markdown quote, emphasis and link marks ('> Lire aussi : [...](#)')")
LINK_LINE = declare("ingest.link_line", "A line made only of links, pictures and separators "
                    "('[Facebook](#) · [Twitter](#)', '![](photo.jpg)') is not text")
CAPTION_CREDIT = declare("ingest.caption_credit", "The credit ending a picture's caption ('(Photo AFP)', "
                         "'© Reuters', '(Capture d'écran)') is not words of the caption")
LIVE_STAMP = declare("ingest.live_stamp", "A live blog's time stamp opening a paragraph ('21h25 — ') "
                     "is the entry's time, not words of its sentence")
CALL_TO_READER = declare("ingest.call_to_reader", "A short line that calls the reader (an imperative, "
                         "a button, a greeting: 'Recevez ...', 'Je m'inscris', 'Bonsoir') is not text")
SECOND_PERSON = declare("ingest.second_person", "A short line speaking to the reader (vous, votre) "
                        "outside quotation marks is page furniture, not news")
TEASER_LINE = declare("ingest.teaser_line", "A line opening with a verb of reading or watching before "
                      "a colon ('À lire demain dans notre édition : ...') announces another article")
COUNTER = declare("ingest.counter", "A few words and a count ('Réagir (214)', '3 commentaires' "
                  "after the article) are the page's counters")
CREDIT_LINE = declare("ingest.credit_line", "A short line all in parentheses ('(Rédaction de Paris)') "
                      "credits the desk or the agency; it is not text")
MENU_LINE = declare("ingest.menu_line", "A line of short items between bars, dots or '>' "
                    "('Partager | Tweeter | Envoyer', 'Accueil > Société') is a menu or a breadcrumb")
BYLINE = declare("ingest.byline", "Above the article's first paragraph, a short line opening with "
                 "'Par' ('Par Claire Vasseur', 'Par la rédaction') is the byline")
AFTER_BODY = declare("ingest.after_body", "After the article's last sentence, short lines without a "
                     "sentence's end ('Newsletter Politique', 'S'inscrire') are the page's furniture")


class Chrome:
    """Recognises lines of page chrome with the patterns of the language table."""

    def __init__(self, lang_code: str = "fr"):
        lang = load_language(lang_code)
        self.lines = [re.compile(p, re.IGNORECASE) for p in lang["chrome_lines"]]
        self.notices = [re.compile(p, re.IGNORECASE) for p in lang["chrome_notices"]]
        words = lambda key: "|".join(re.escape(w.replace("’", "'")) for w in sorted(lang[key], key=len, reverse=True))
        # a call opens the line or a part of it (after a colon, a dash, a bar, a full stop)
        self.call = re.compile(r"(?:^|[.:|·•—–!?]\s*)(?:" + words("chrome_calls") + r")(?![\w'-])"
                               r"|(?:^|[|·•]\s*)(?:" + words("chrome_buttons") + r")(?![\w'-])", re.IGNORECASE)
        self.reader = re.compile(r"(?<![\w'-])(?:" + words("chrome_reader") + r")(?![\w'-])", re.IGNORECASE)
        credits = words("chrome_credits")
        self.credit = re.compile(r"(?:\((?=[^()]*(?<![\w'])(?:" + credits + r")(?![\w']))[^()]{1,80}\)"
                                 r"|©[^()©]{1,60}|(?<=[.!?] )(?:" + credits + r")(?![\w'])[^.()]{0,60})[*_\s]*$",
                                 re.IGNORECASE)
        self.teaser = re.compile(r"^(?:(?:à|a)\s+)?(?:" + words("chrome_teasers") + r")\b[^:.]{0,50}:\s*\S",
                                 re.IGNORECASE)
        self.byline = {fold(w) for w in lang["byline_words"]}

    def is_chrome(self, line: str) -> bool:
        stripped = line.strip()
        norm = stripped.replace("’", "'")
        views = [norm, plain(norm)] if enabled(PLAIN_VIEW) else [norm]
        if any(p.fullmatch(v) for p in self.lines for v in views):
            return True
        return any(p.search(norm) for p in self.notices)


def decode(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM), line ends made '\\n'. Other encodings are refused clearly."""
    if b"\x00" in data:
        raise InputError(f"{file}: contains NUL bytes; this is not a text article (binary file?)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{file}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                         "save the file as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _clean(lines: list[str], chrome: Chrome) -> tuple[list[str], list[str]]:
    """Split lines into kept paragraphs and removed chrome, by general rules."""
    kept: list[str] = []
    removed: list[str] = []
    seen: set[str] = set()
    for line in lines:
        text = line.strip()
        if not text:
            continue
        if enabled(CHROME_LINES) and chrome.is_chrome(text):
            removed.append(text)
            continue
        key = fold(text)
        if key in seen and enabled(REPEATED_LINE):    # a caption or teaser repeated verbatim
            removed.append(text)
            continue
        seen.add(key)
        kept.append(text)
    # A truncated teaser that repeats the start of another paragraph ("... de...").
    out = []
    for i, text in enumerate(kept):
        if ELLIPSIS_END.search(text) and enabled(TRUNCATED_TEASER):
            head = fold(ELLIPSIS_END.sub("", text))[:80]
            if len(head) >= 40 and any(j != i and fold(other).startswith(head) for j, other in enumerate(kept)):
                removed.append(text)
                continue
        out.append(text)
    return out, removed


PARAGRAPH_MAX = 20_000


HEAD = 8    # paragraphs where a dateline or a byline may stand, from the top
BODY_LENGTH = 100   # characters: the first paragraph this long is running text
TAIL = 12   # paragraphs after the article where reader comments may stand


def _take_datelines(paragraphs: list[str], removed: list[str],
                    datelines: Datelines) -> tuple[list[str], list[tuple[str, str]]]:
    """The lines that date the article, taken out of its text (they are no event):
    datelines and bylines near the top, or glued before the first sentence's dash
    ("VIERZON, 4 mars 2021 – ..."); after the article, a line "Publié le ..." or a
    reader comment's time stamp ("Pseudo - 18/11/2018 à 14:02"), the comments with it."""
    found: list[tuple[str, str]] = []
    kept = list(paragraphs)
    # the article begins with its first paragraph of running text: datelines stand above
    body = next((i for i, p in enumerate(paragraphs) if i and len(p) >= BODY_LENGTH), len(paragraphs))
    if not enabled(DATELINES_RULE):
        return kept, found
    for i, p in enumerate(paragraphs[:min(body + 1, HEAD)]):
        if i < body and datelines.read(p, "head"):
            found.append(("head", p))
            removed.append(p)
            kept[i] = None
        elif i and (glued := datelines.glued(p)):
            found.append(("head", glued[0]))
            removed.append(glued[0])
            kept[i] = glued[1]
            break
    comments_from = None
    for i in range(max(body + 1, len(paragraphs) - TAIL), len(paragraphs)):
        clues = datelines.read(paragraphs[i], "tail")
        if not clues:
            continue
        found.append(("tail", paragraphs[i]))
        removed.append(paragraphs[i])
        kept[i] = None
        if clues[0].kind == "comment" and comments_from is None:
            comments_from = i
    if comments_from is not None and enabled(COMMENTS_RULE):   # the readers' comments below the first stamp
        for i in range(comments_from + 1, len(paragraphs)):
            if kept[i] is not None:
                removed.append(kept[i])
                kept[i] = None
    return [p for p in kept if p is not None], found


MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MD_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
BARE_URL = re.compile(r"(?:https?://|www\.)\S+")
# "21h25 — ", "8h45 - ", "14:30 : " opening a paragraph, a sentence after it; kept in
# Source.removed as taken (STAMP_TAKEN)
_CLOCK_DASH = r"((?:[01]?\d|2[0-3])\s?h\s?(?:[0-5]\d)?|(?:[01]?\d|2[0-3]):[0-5]\d)\s*[—–:-]"
STAMP = re.compile("^" + _CLOCK_DASH + r"\s+(?=[«\"“A-ZÀ-Ý])")
STAMP_TAKEN = re.compile(_CLOCK_DASH)
# a quotation, or one left open to the line's end (a quotation over several paragraphs
# opens each of them) or closed at its start (a line cut inside it)
QUOTED = re.compile(r"«[^»]*(?:»|$)|“[^”]*(?:”|$)|\"[^\"]*\"|^[^«»]*»|^[^“”]*”")
CREDIT = re.compile(r"\((?:\s*[^\W\d_][\w'’.-]*){1,6}\s*\)")     # "(Rédaction de Paris)"
LIST_ITEM = re.compile(r"(?:[-–•*]|\d{1,2}[.)])\s")
SENTENCE_END = re.compile(r"[.!?…»\"”)]\s*$")
MENU_BARS = re.compile(r"\s*[|·•>›]\s*")
SHORT = 30          # words: a call or a notice to the reader is shorter than this
MENU_ITEM = 4       # words in each item of a menu
TAIL_LINE = 8       # words: a box title or a button after the article


def live_entries(source: "Source") -> int:
    """How many entries of a live blog the article had: the time stamps that opened its
    paragraphs ("8h45 — ...") and were taken out of its text (ingest.live_stamp)."""
    return sum(1 for line in source.removed if STAMP_TAKEN.fullmatch(line))


def plain(line: str) -> str:
    """A line as a reader sees it: no Markdown quote marks, emphasis, pictures; a link's text."""
    text = MD_IMAGE.sub(" ", line)
    text = MD_LINK.sub(r"\1", text)
    text = re.sub(r"^(?:\s*>)+", "", text)
    text = re.sub(r"\*+|(?<![\w])_+|_+(?![\w])", "", text)
    return " ".join(text.split())


def _words(text: str) -> int:
    return len(re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", text))


def _running(text: str) -> bool:
    """A paragraph of the article's running text: a sentence of some length, ended."""
    return _words(text) >= 8 and SENTENCE_END.search(text) is not None


def _menu(text: str) -> bool:
    items = [i for i in MENU_BARS.split(text) if i.strip()]
    return (len(items) >= 2 and len(MENU_BARS.findall(text)) >= 1
            and all(_words(i) <= MENU_ITEM and not re.search(r"[.!?]$", i) for i in items))


def _furniture(paragraphs: list[str], removed: list[str], chrome: Chrome) -> list[str]:
    """The lines of page furniture that their shape or their place gives away, taken out of
    the text into removed: what stands around an article on a web page (share bars, menus,
    captions, calls to subscribe, counters, bylines, the boxes below it) and a live blog's
    time stamps. Paragraph 0 is the headline slot: only shapes a headline never has are
    looked for in it."""
    kept: list[str] = []
    for i, text in enumerate(paragraphs):
        if enabled(LIVE_STAMP) and (m := STAMP.match(text)):
            # the entry's time is recorded with the chrome; its words stay text (a heading
            # stays apart from its entry: it may be a quotation the entry goes on with)
            removed.append(text[:m.end()].strip())
            text = text[m.end():]
        if enabled(CAPTION_CREDIT) and _words(text) <= 60 and (m := chrome.credit.search(text.replace("’", "'"))) \
                and m.start() > 0:
            # the caption's words stay (they say what the picture shows, and when)
            removed.append(text[m.start():].strip())
            text = text[:m.start()].rstrip()
            if re.match(r"[*_]", text) and not re.search(r"[*_]$", text):
                text = text.lstrip("*_")      # the emphasis closed with the credit
        view = plain(text.replace("’", "'")) if enabled(PLAIN_VIEW) else text.replace("’", "'")
        spoken = QUOTED.sub(" ", view)        # quotations are somebody's words, not the page's
        words = _words(view)
        is_chrome = (
            (enabled(LINK_LINE) and (MD_IMAGE.search(text) or MD_LINK.search(text) or BARE_URL.search(text))
             and not re.search(r"[^\W_]", BARE_URL.sub("", MD_LINK.sub("", MD_IMAGE.sub("", text)))))
            or (enabled(CALL_TO_READER) and words <= SHORT and chrome.call.search(spoken) is not None)
            or (enabled(SECOND_PERSON) and i and words <= SHORT and chrome.reader.search(spoken) is not None
                and not view.rstrip(" »\"”").endswith("?"))       # an interview's question is text
            or (enabled(TEASER_LINE) and chrome.teaser.match(view) is not None)
            or (enabled(COUNTER) and i and re.fullmatch(r"(?:[^\W\d_]+['’ ]?){1,3}\s*\(\d+\)", view) is not None)
            or (enabled(CREDIT_LINE) and i and CREDIT.fullmatch(view) is not None)
            or (enabled(MENU_LINE) and i and _menu(view)))
        if is_chrome:
            removed.append(text)
        else:
            kept.append(text)
    running = [i for i, p in enumerate(kept) if i and _running(plain(p))]
    if not running:
        return kept
    first, last = running[0], running[-1]
    out = []
    for i, text in enumerate(kept):
        view = plain(text)
        if 0 < i < first and enabled(BYLINE) and _words(view) <= 10 and not SENTENCE_END.search(view) \
                and view[:1].isupper() and fold(view).split()[0] in chrome.byline:    # "par ..." goes on a line
            removed.append(text)          # "Par Claire Vasseur", "Par notre envoyée spéciale"
            continue
        if i > last and enabled(AFTER_BODY) and _words(view) <= TAIL_LINE and not SENTENCE_END.search(view) \
                and not LIST_ITEM.match(view):    # the last items of a list end the article
            removed.append(text)          # "Newsletter Politique", "S'inscrire"
            continue
        if i > last and enabled(COUNTER) and re.fullmatch(r"\d+\s+[^\W\d_]+", view):
            removed.append(text)          # "3 commentaires"
            continue
        out.append(text)
    return out


def _cut(paragraph: str, limit: int = PARAGRAPH_MAX) -> list[str]:
    """A paragraph of more than limit characters, in pieces cut after a sentence end
    (or a space): the model is given reasonable pieces, the words stay verbatim."""
    pieces = []
    while len(paragraph) > limit:
        window = paragraph[:limit]
        m = None
        for m in re.finditer(r"[.!?…]\s+", window):
            pass
        at = m.end() if m and m.end() > limit // 2 else (window.rfind(" ") + 1 or limit)
        pieces.append(paragraph[:at].rstrip())
        paragraph = paragraph[at:].lstrip()
    pieces.append(paragraph)
    return [p for p in pieces if p]


def _is_headline(line: str) -> bool:
    return 0 < len(line) <= TITLE_MAX and line.count(". ") < 2


def read_source(path: Path, display_path: str, taken_ids: set[str], lang_code: str = "fr",
                chrome: Chrome | None = None, cache: ExtractionCache | None = None) -> Source:
    """One article file -> Source. Raises InputError for a file that cannot be used.
    With a cache, a file read before with the same bytes is not cleaned again."""
    try:
        size = path.stat().st_size
        if size > ARTICLE_MAX:
            raise InputError(f"{display_path}: {size / 1e6:.1f} MB, more than the {ARTICLE_MAX / 1e6:.0f} MB "
                             "an article may hold; split it into one file per article")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{display_path}: cannot be read ({exc.strerror})") from None
    suffix = path.suffix.lower()
    if cache is None:
        source = _parse_source(data, suffix, display_path, lang_code, chrome or Chrome(lang_code))
    else:
        source = cache.memo("ingest", display_path, [hashlib.sha256(data).hexdigest(), suffix], lang_code,
                            lambda: _parse_source(data, suffix, display_path, lang_code, chrome or Chrome(lang_code)))
    source.id = unique_slug(source.id, taken_ids)     # its slug, or the next free one
    return source


def _parse_source(data: bytes, suffix: str, display_path: str, lang_code: str, chrome: Chrome) -> Source:
    """An article's bytes -> Source, its id the slug of its title (not yet made unique)."""
    original = decode(data, display_path)
    meta: dict = {}
    body = original
    if suffix in (".md", ".markdown"):
        meta, body, _ = frontmatter.split(original, display_path)
    removed: list[str] = []
    warnings: list[str] = []
    flags: list[dict] = []
    metadata_date = _text_or_none(meta.get("date"))
    lines = body.split("\n")
    first = next((i for i, l in enumerate(lines) if l.strip()), None)
    if first is not None:
        m = METADATA_PREFIX.match(lines[first])
        if m:
            metadata_date = metadata_date or m.group(1)
            removed.append(m.group(0).strip())
            lines[first] = lines[first][m.end():]
    if not any(l.strip() for l in lines):
        raise InputError(f"{display_path}: no text in this article")
    # Markdown headings and emphasis markers are not part of the words.
    if suffix in (".md", ".markdown"):
        lines = [re.sub(r"^#{1,6}\s+", "", l) for l in lines]
    paragraphs, dropped = _clean(lines, chrome)
    removed.extend(dropped)
    fixed = []
    for p in paragraphs:
        m = WIRE_SLUG.match(p) if enabled(WIRE_SLUG_RULE) else None
        if m:
            removed.append(m.group(1))
            p = p[m.end():]
        fixed.append(p)
    paragraphs = [piece for p in fixed for piece in _cut(p)]
    publisher = _text_or_none(meta.get("publisher"))
    for p in list(paragraphs):
        m = SOURCE_LINE.match(p) if enabled(SOURCE_LINE_RULE) else None
        if m:
            publisher = publisher or m.group(1).strip()
            paragraphs.remove(p)
            removed.append(p)
    while enabled(BREADCRUMB_RULE) and len(paragraphs) > 2 and BREADCRUMB.match(paragraphs[0]) and _is_headline(paragraphs[1]):
        removed.append(paragraphs.pop(0))
    paragraphs, datelines = _take_datelines(paragraphs, removed, Datelines(lang_code))
    paragraphs = _furniture(paragraphs, removed, chrome)
    if not paragraphs:
        raise InputError(f"{display_path}: only page chrome, no article text")

    title = _text_or_none(meta.get("title"))
    title_in_text = False
    if title is None and _is_headline(paragraphs[0]) and len(paragraphs) > 1:
        title, title_in_text = paragraphs[0], True
    elif title is not None:
        if fold(paragraphs[0]) == fold(title):
            title_in_text = True
        else:
            paragraphs.insert(0, title)
            title_in_text = True
    if not title_in_text:
        paragraphs.insert(0, "")               # paragraph 0 is always the headline slot
    words = re.findall(r"[^\W\d_]+", " ".join(paragraphs).casefold())
    common = set(load_language(lang_code).get("function_words", []))
    if len(words) >= 40 and common and sum(w in common for w in words) < 0.08 * len(words):
        warnings.append(f"{display_path}: does not look like {lang_code!r} text; it is read with the {lang_code!r} model")
        flags.append({"kind": "language", "language": lang_code})
    display_title = title or shorten(re.split(r"(?<=[.!?])\s", paragraphs[1], 1)[0], 90)
    if metadata_date is not None:
        try:
            metadata_date = _metadata_date(metadata_date)
        except ValueError as exc:
            warnings.append(f"{display_path}: front matter date: {exc}; ignored")
            flags.append({"kind": "metadata_date_invalid", "value": metadata_date})
            metadata_date = None
    return Source(
        id=slugify(display_title), file=display_path, title=display_title, paragraphs=paragraphs,
        original=original, title_in_text=title_in_text, metadata_date=metadata_date,
        url=_safe_url(meta.get("url") or meta.get("source"), display_path, warnings), datelines=datelines,
        publisher=publisher, removed=removed, warnings=warnings, flags=flags,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _metadata_date(text: str) -> str:
    """An article's own date as its metadata write it: a day, a month or a year (a
    timestamp counts as its day); a ValueError says why it is none (sitegen.dates)."""
    stamp = re.match(r"(\d{4}-\d{2}-\d{2})[Tt ]\d", text, re.ASCII)
    text = stamp.group(1) if stamp else text
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text, re.ASCII):
        raise ValueError(f"{described(text)} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return parse_date(text)[0]


def _safe_url(value, shown: str, warnings: list[str]) -> str | None:
    """Only http(s) addresses reach the site: 'javascript:' and the like are dropped."""
    text = _text_or_none(value)
    if text is None:
        return None
    if not web_address(text):
        warnings.append(f"{shown}: url {text[:60]!r} is not an http(s) address; ignored")
        return None
    return text


def _text_or_none(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    text = str(value).strip()
    return text or None


def read_sources(seeds_dir: Path, project_root: Path | None = None, lang_code: str = "fr",
                 unreadable: list[str] | None = None,
                 cache: ExtractionCache | None = None) -> tuple[list[Source], list[str]]:
    """All articles of a folder, sorted by file name; unusable files become warnings (and
    are listed in unreadable, when given); a file identical to an earlier one is one
    source, not two. With a cache, unchanged files are not cleaned again."""
    if not seeds_dir.is_dir():
        raise InputError(f"{seeds_dir}: seeds folder not found; put your articles there or pass --seeds DIR")
    chrome = Chrome(lang_code)
    sources: list[Source] = []
    warnings: list[str] = []
    taken: set[str] = set()
    by_hash: dict[str, Source] = {}
    folder = _display(seeds_dir, project_root)
    for path in sorted(seeds_dir.iterdir()):
        if path.name.startswith("."):
            continue
        display = str(Path(folder) / path.name)
        if path.is_dir():
            warnings.append(f"{display}/: a folder; only the articles directly in {folder}/ are read "
                            "(move them up to include them)")
            continue
        if not readable_file(path, seeds_dir):
            why = "a link to a file outside the seeds folder" if path.exists() and not inside(path, seeds_dir) \
                else "not a regular file"
            warnings.append(f"{display}: {why}; not read")
            continue
        if path.suffix.lower() not in ARTICLE_SUFFIXES:
            warnings.append(f"{display}: skipped (not .txt or .md)")
            continue
        try:
            source = read_source(path, display, taken, lang_code, chrome, cache)
        except InputError as exc:
            warnings.append(f"{exc} (skipped)")
            if unreadable is not None:
                unreadable.append(display)
            continue
        twin = by_hash.get(source.sha256)
        if twin is not None:
            warnings.append(f"{display}: the same article as {twin.file}; read once")
            twin.flags.append({"kind": "duplicate", "file": display})
            continue
        by_hash[source.sha256] = source
        warnings.extend(source.warnings)
        sources.append(source)
    return sources, warnings


def _display(path: Path, root: Path | None) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve())) if root else str(path)
    except ValueError:
        return str(path)
