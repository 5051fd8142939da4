"""`sitegen serve`: local preview with live reload (the livereload package).

Each change rebuilds only what it needs, by the same path as `sitegen build`: an article
re-extracts (only it is parsed, by the model loaded once at start; the others come from
the extraction cache) and
re-renders; a content page, a template or the stylesheet only re-renders, and only the
pages they show in (sitegen.record); the search index follows just after the page. A failing rebuild
keeps the last good site online and shows an overlay naming the file and line, which
disappears with the next good build. The site is served under its base path, so a
project site ("/repo/") is previewed as it will be published.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import replace
import sys
import tempfile
import threading
import time
from pathlib import Path

from sitegen.config import CONFIG_NAME, Config
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
    """The preview's state: which stages to run, and what the browser is told."""

    def __init__(self, config: Config):
        self.config = config
        self.lock = threading.Lock()
        self.last_extract = 0.0
        self.status = {"ok": True, "message": ""}

    def run(self, stages: tuple[str, ...]) -> bool:
        from sitegen.pipeline import extract
        from sitegen.render import render_site

        with self.lock:
            started = time.perf_counter()
            try:
                if "extract" in stages:
                    _, report, warnings = extract(self.config)
                    self.last_extract = time.time()
                    for w in warnings:
                        print(f"warning: {w}", file=sys.stderr)
                render_site(self.config, dev=True)
                self.status = {"ok": True, "message": ""}
                print(f"rebuilt ({' + '.join(stages)}) in {time.perf_counter() - started:.2f}s", flush=True)
            except InputError as exc:
                self.status = {"ok": False, "message": str(exc)}
                print(f"sitegen: error: {exc} (still serving the last good site)", file=sys.stderr, flush=True)
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


def preview_output(config: Config) -> tuple[Path, Path | None]:
    """Where the preview builds and what it serves: the output folder itself for a site
    at "/"; for a site under a sub-path ("/chronologie/"), a temporary folder that holds
    the site at that path (the web server will not follow a link out of its root)."""
    parts = [p for p in config.base_path.split("/") if p]
    if not parts:
        return config.output, None
    tmp = Path(tempfile.mkdtemp(prefix="sitegen-preview-"))
    return tmp.joinpath(*parts), tmp


def serve(config: Config, host: str = "127.0.0.1", port: int = 8000) -> int:
    from livereload import Server

    config = replace(config)
    config.output, tmp = preview_output(config)
    root = tmp or config.output
    preview = Preview(config)
    preview.run(("extract", "render"))
    if not config.output.is_dir():
        raise InputError("the first build failed and there is no previous site to serve; fix the error above")
    # an edited article then waits for its own parse only, not for the model
    threading.Thread(target=_load_model_quietly, args=(config.model,), daemon=True).start()
    server = Server()
    delay = 0.4                                   # a burst of saves gives one rebuild
    server.watch(str(config.seeds), lambda: preview.run(("extract", "render")), delay=delay)
    server.watch(str(config.content), preview.on_content, delay=delay)
    if config.templates.is_dir():
        server.watch(str(config.templates), lambda: preview.run(("render",)), delay=delay)
    if (config.root / CONFIG_NAME).is_file():
        server.watch(str(config.root / CONFIG_NAME), lambda: preview.run(("extract", "render")), delay=delay)
    where = f"a preview folder ({config.output})" if tmp else str(config.output)
    print(f"Serving {where} at http://{host}:{port}{config.base_path} (Ctrl-C to stop)", flush=True)
    try:
        server.serve(root=str(root), host=host, port=port, open_url_delay=None, restart_delay=0)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0
