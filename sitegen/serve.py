"""Local preview with live reload (the livereload package).

A change to the articles re-extracts and re-renders; a change to content/, the
templates or the config only re-renders. A failing rebuild prints its error and
keeps the last good site in place.
"""
from __future__ import annotations

import sys

from sitegen.config import CONFIG_NAME, Config
from sitegen.model import InputError


def serve(config: Config, host: str = "127.0.0.1", port: int = 8000) -> int:
    from livereload import Server

    from sitegen.pipeline import extract
    from sitegen.render import render_site

    def step(*stages):
        def run():
            try:
                for stage in stages:
                    stage(config)
            except InputError as exc:
                print(f"sitegen: error: {exc} (still serving the last good site)", file=sys.stderr)
        return run

    step(extract, render_site)()
    server = Server()
    server.watch(str(config.seeds), step(extract, render_site), delay=0.3)
    server.watch(str(config.content), step(render_site), delay=0.3)
    server.watch(str(config.templates), step(render_site), delay=0.3)
    server.watch(str(config.root / CONFIG_NAME), step(extract, render_site), delay=0.3)
    print(f"Serving {config.output} on http://{host}:{port}/ (Ctrl-C to stop)")
    server.serve(root=str(config.output), host=host, port=port, open_url_delay=None)
    return 0
