"""`sitegen serve`: local preview with live reload (the livereload package).

Each change rebuilds only what it needs, by the same path as `sitegen build`: an article
re-extracts (only it is parsed, by the model loaded once at start; the others come from
the extraction cache) and
re-renders; a content page, a template or the stylesheet only re-renders, and only the
pages they show in (sitegen.record); the search index follows just after the page. A failing rebuild
keeps the last good site online and shows an overlay naming the file and line, which
disappears with the next good build. The site is served under its base path, so a
project site ("/repo/") is previewed as it will be published.

The preview builds into a folder of its own in the project's cache, never into the
published output: its pages carry the error overlay, and public/ stays what `sitegen
build` made. It answers only requests that name a host it serves on, so that a web page
cannot read it through a host name of its own bound to 127.0.0.1 (DNS rebinding), and
takes the live-reload connection only from its own pages.
"""
from __future__ import annotations

import ipaddress
import json
import os
import shutil
import signal
import socket
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from sitegen.cache import CACHE_DIR
from sitegen.config import CONFIG_NAME, Config
from sitegen.files import os_error_line, site_refusal
from sitegen.model import InputError
from sitegen.record import PREVIEW_FILES

STATUS_DIR = next(iter(PREVIEW_FILES))

OVERLAY_JS = """(function () {
  var box = null, root = document.currentScript.src.replace(/_sitegen\\/overlay\\.js.*$/, "");
  function show(message) {
    if (!box) {
      box = document.createElement("div");
      box.id = "sitegen-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;z-index:99999;max-height:60vh;overflow:auto;" +
        "background:#7a1010;color:#fff;font:14px/1.5 ui-monospace,monospace;padding:1em 1.5em;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "sitegen: the last build failed; the page shows the last good site.\\n\\n" + message;
  }
  function poll() {
    fetch(root + "_sitegen/status.json", {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (s) { if (s.ok) { if (box) { box.remove(); box = null; } } else { show(s.message); } })
      .catch(function () {});
  }
  poll();
  setInterval(poll, 1000);
})();
"""


class Preview:
    """The preview's state: which stages to run, and what the browser is told. It builds
    into its own folder (preview_output), made ready here: root is what it serves."""

    def __init__(self, config: Config):
        self.root, site = preview_output(config)
        _clear_preview(self.root, site)
        self.config = replace(config, output=site)
        self.lock = threading.Lock()
        self.last_extract = 0.0
        self.status = {"ok": True, "message": ""}

    def run(self, stages: tuple[str, ...]) -> bool:
        from sitegen.cli import print_warnings
        from sitegen.pipeline import extract
        from sitegen.render import render_site

        with self.lock:
            started = time.perf_counter()
            try:
                if "extract" in stages:
                    _, report, warnings = extract(self.config)
                    self.last_extract = time.time()
                    print_warnings(warnings)
                render_site(self.config, dev=True)
                self.status = {"ok": True, "message": ""}
                print(f"rebuilt ({' + '.join(stages)}) in {time.perf_counter() - started:.2f}s", flush=True)
            except (InputError, OSError) as exc:      # a user's mistake, a full disk: said in one line
                message = os_error_line(exc) if isinstance(exc, OSError) else str(exc)
                self.status = {"ok": False, "message": message}
                print(f"sitegen: error: {message} (still serving the last good site)", file=sys.stderr, flush=True)
            except Exception as exc:  # a bug must not stop the preview either
                self.status = {"ok": False, "message": f"{type(exc).__name__}: {exc}"}
                print(f"sitegen: unexpected error: {exc!r} (still serving the last good site)", file=sys.stderr)
            self.write_status()
            return self.status["ok"]

    def write_status(self) -> None:
        folder = self.config.output / STATUS_DIR
        if not self.config.output.is_dir():
            return
        folder.mkdir(exist_ok=True)
        (folder / "overlay.js").write_text(OVERLAY_JS, encoding="utf-8")
        (folder / "status.json").write_text(json.dumps(self.status, ensure_ascii=False), encoding="utf-8")

    def on_content(self) -> None:
        if time.time() - self.last_extract < 2.0:     # the pages extract just wrote
            return
        self.run(("render",))


def _load_model_quietly(name: str) -> None:
    from sitegen.analyse import load_model
    try:
        load_model(name)
    except InputError:
        pass                    # told by the build that needs it


PREVIEW_DIR = "preview"         # in the project's cache (sitegen.cache.CACHE_DIR)


def preview_output(config: Config) -> tuple[Path, Path]:
    """(the folder the preview serves, the folder it builds the site in): its own folder
    in the project's cache, never the published output, with the site at the base
    path's segments under it ("/chronologie/" -> preview/chronologie/), as the web server
    will not follow a link out of its root. Made of plain names only, so that no base
    path can put it anywhere else."""
    root = config.root / CACHE_DIR / PREVIEW_DIR
    # the base path's names are plain (sitegen.config.normalise_base_url); checked again
    # here, where a name that is not would put the site elsewhere
    site = root.joinpath(*[p for p in config.base_path.split("/") if p])
    _check_inside(site, root, real=False)
    return root, site


def _check_inside(site: Path, root: Path, real: bool = True) -> None:
    """The site's path (or its real path, links followed) is in the preview's folder."""
    inside = site.resolve().is_relative_to(root.resolve()) if real else \
        Path(os.path.normpath(site)).is_relative_to(os.path.normpath(root))
    if not inside:
        raise InputError(f"{site}: the preview's site would be outside its folder {root}; delete {root} and try again")


def _clear_preview(root: Path, site: Path) -> None:
    """Leave nothing in the preview's folder but its site: what a preview under another
    base path left is deleted, and so is a site folder that no render made (without the
    site marker, sitegen.files.site_refusal), which render would refuse to replace. Links are removed, not
    followed, so the site ends up inside the folder for real."""
    if root.is_symlink() or (root.exists() and not root.is_dir()):
        root.unlink()
    here = root
    for part in site.relative_to(root).parts:
        for entry in _entries(here):
            if entry.name != part or entry.is_symlink() or not entry.is_dir():
                _remove(entry)
        here = here / part
    if here.is_dir() and site_refusal(here) is not None:       # not a site a render made there
        _remove(here)
    _check_inside(site, root)


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except FileNotFoundError:
        return []


def _remove(path: Path) -> None:
    if path.is_symlink() or not path.is_dir():
        path.unlink()
    else:
        shutil.rmtree(path)


# listening on these, the preview is reached by the machine's own names too
ALL_INTERFACES = ("0.0.0.0", "::", "")


def served_names(host: str) -> frozenset[str]:
    """The host names a request may name: localhost, the --host given, and the
    machine's own names when it listens on every interface."""
    names = {"localhost", host}
    if host in ALL_INTERFACES:
        names |= {socket.gethostname(), socket.getfqdn()}
    return frozenset(_plain_host(n) for n in names if n)


def _plain_host(name: str) -> str:
    name = name.lower().rstrip(".")
    return name[1:-1] if name.startswith("[") and name.endswith("]") else name


def host_allowed(name: str, names: frozenset[str]) -> bool:
    """Whether a request's host (without port) is one the preview serves on. An IP
    address is: a page cannot rebind an address, only a name."""
    name = _plain_host(name)
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return name in names or name.endswith(".localhost")


def _refusal(name: str, names: frozenset[str]) -> str:
    others = "".join(f", {n}" for n in sorted(names) if n != "localhost" and not host_allowed(n, frozenset()))
    return f"sitegen serve answers only to localhost, *.localhost, IP addresses{others}; not to {name[:100]!r}\n"


# livereload's own snippet (livereload.server.Server.application): the page loads
# livereload.js from the host and port it was served from
LIVE_SCRIPT = (b'<script type="text/javascript">(function(){var s=document.createElement("script");'
               b"var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
               b's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port;'
               b"document.head.appendChild(s);})();</script>")


def _guarded_server(names: frozenset[str]):
    """livereload's Server whose every handler first checks the request's Host, and
    whose live-reload socket takes only its own pages' Origin (livereload takes any)."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
    from livereload.server import LiveScriptInjector
    from tornado import web

    class HostGuard:
        def prepare(self):
            if not host_allowed(self.request.host_name, names):
                self.set_status(403)
                self.set_header("Content-Type", "text/plain; charset=utf-8")
                self.finish(_refusal(self.request.host_name, names))

    class LiveReload(HostGuard, LiveReloadHandler):
        def check_origin(self, origin: str) -> bool:
            # tornado asks only when the Origin is not the Host (nor Sec-Fetch-Site same-origin)
            return urlsplit(origin).netloc.lower() == self.request.host.lower()

    class LiveReloadJS(HostGuard, LiveReloadJSHandler):
        pass

    class Static(HostGuard, StaticFileHandler):
        pass

    class Transform(LiveScriptInjector):
        script = LIVE_SCRIPT

    class GuardedServer(Server):
        def application(self, port, host, liveport=None, debug=None, live_css=True):
            # the reload loop (LiveReloadHandler.start_tasks) is livereload's, on its class
            LiveReloadHandler.watcher = self.watcher
            LiveReloadHandler.live_css = live_css
            handlers = [(r"/livereload", LiveReload), (r"/livereload.js", LiveReloadJS),
                        *self.get_web_handlers(LIVE_SCRIPT)]
            web.Application(handlers=handlers, debug=False, transforms=[Transform]).listen(port, address=host)

        def get_web_handlers(self, script):
            return [(r"/(.*)", Static, {"path": self.root, "default_filename": self.default_filename})]

    return GuardedServer()


def serve(config: Config, host: str = "127.0.0.1", port: int = 8000) -> int:
    # a stop by the system or a process manager (SIGTERM) ends as a Ctrl-C does
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    preview = Preview(config)
    config = preview.config
    preview.run(("extract", "render"))
    if not config.output.is_dir():
        raise InputError("the first build failed and there is no previous site to serve; fix the error above")
    # an edited article then waits for its own parse only, not for the model
    threading.Thread(target=_load_model_quietly, args=(config.model,), daemon=True).start()
    server = _guarded_server(served_names(host))
    delay = 0.4                                   # a burst of saves gives one rebuild
    server.watch(str(config.seeds), lambda: preview.run(("extract", "render")), delay=delay)
    server.watch(str(config.content), preview.on_content, delay=delay)
    if config.templates.is_dir():
        server.watch(str(config.templates), lambda: preview.run(("render",)), delay=delay)
    if (config.root / CONFIG_NAME).is_file():
        server.watch(str(config.root / CONFIG_NAME), lambda: preview.run(("extract", "render")), delay=delay)
    print(f"Serving the preview ({config.output}) at http://{host}:{port}{config.base_path} (Ctrl-C to stop)",
          flush=True)
    server.serve(root=str(preview.root), host=host, port=port, open_url_delay=None, restart_delay=0)
    return 0
