"""The preview server (sitegen/serve.py) as a browser, a hostile web page and the
filesystem meet it: `sitegen serve` started as a user starts it (tests/serving.py)."""
from __future__ import annotations

import asyncio
import http.client
import os
import subprocess
import sys
from pathlib import Path

import pytest
from serving import Served, free_port, make_project

from sitegen.config import Config
from sitegen.model import InputError
from sitegen.serve import Preview, host_allowed, preview_output, served_names


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(tmpdir: Path) -> list[str]:
    return sorted(p.name for p in tmpdir.iterdir() if "sitegen" in p.name)


def get(port: int, path: str, host: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": host})
        resp = conn.getresponse()
        return resp.status, resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


def live_reload(port: int, headers: dict[str, str]) -> str:
    """The answer of the live-reload socket to livereload.js's hello, or 'refused N'."""
    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    async def hello() -> str:
        request = HTTPRequest(f"ws://127.0.0.1:{port}/livereload", headers=headers, connect_timeout=10,
                              request_timeout=10)
        try:
            conn = await websocket_connect(request)
        except HTTPClientError as exc:
            return f"refused {exc.code}"
        conn.write_message('{"command": "hello"}')
        answer = await asyncio.wait_for(conn.read_message(), 10)
        conn.close()
        return answer

    return asyncio.run(hello())


def start(project: Path, base_path: str) -> Served:
    """The preview with a TMPDIR of its own (project/tmp), to see what it leaves there."""
    (project / "tmp").mkdir(exist_ok=True)
    return Served(project, base_path, env={**os.environ, "TMPDIR": str(project / "tmp")})


def build(project: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "sitegen", "build", "-q"], cwd=project, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    served = start(make_project(tmp_path_factory.mktemp("serve"), "/"), "/")
    yield served
    served.stop()


# ---------------------------------------------------------------------- DNS rebinding

def test_a_request_naming_another_host_is_refused(preview):
    port = preview.port
    for host in (f"evil.example:{port}", f"localhost.evil.example:{port}", f"127.0.0.1.evil.example:{port}"):
        for path in ("/", "/livereload.js"):
            status, body = get(port, path, host)
            assert status == 403, (host, path, status)
            assert "answers only to localhost" in body and "<html" not in body, body
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", f"essai.localhost:{port}"):
        status, body = get(port, "/", host)
        assert status == 200 and "<title>" in body, (host, status)


def test_the_live_reload_socket_takes_only_the_preview_own_pages(preview):
    port = preview.port
    assert live_reload(port, {"Origin": "http://evil.example"}) == "refused 403"
    assert live_reload(port, {"Origin": f"http://127.0.0.1:{port + 1}"}) == "refused 403"
    # a rebinding page: its origin and the Host are the same name, not the preview's
    assert live_reload(port, {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"}) \
        == "refused 403"
    for headers in ({"Origin": f"http://127.0.0.1:{port}"}, {"Host": f"localhost:{port}",
                                                              "Origin": f"http://localhost:{port}"}, {}):
        assert '"command": "hello"' in live_reload(port, headers), headers


def test_host_names_the_preview_serves_on():
    names = served_names("127.0.0.1")
    assert all(host_allowed(h, names) for h in ("localhost", "LOCALHOST.", "a.localhost", "127.0.0.1", "[::1]",
                                                "192.168.1.20"))
    assert not any(host_allowed(h, names) for h in ("evil.example", "localhost.evil.example", "127.0.0.1.nip.io",
                                                    "[::1].evil.example"))
    assert host_allowed("atelier.lan", served_names("atelier.lan"))
    import socket
    assert host_allowed(socket.gethostname(), served_names("0.0.0.0"))


# ---------------------------------------------------------------------- the preview's own folder

def test_the_preview_never_touches_the_published_site_and_stops_cleanly(tmp_path):
    project = make_project(tmp_path, "/")
    build(project)
    published = files_of(project / "public")
    served = start(project, "/")
    try:
        status, page = get(served.port, "/", f"127.0.0.1:{served.port}")
        assert status == 200 and "_sitegen/overlay.js" in page          # the preview's own pages
        assert (project / ".sitegen-cache" / "preview" / "_sitegen" / "status.json").is_file()
    finally:
        status = served.stop()
    assert status == 0, (project / "serve.log").read_text()            # SIGTERM: a clean stop
    assert files_of(project / "public") == published
    assert not (project / "public" / "_sitegen").exists()
    assert leftovers(project / "tmp") == []


def test_a_sub_path_site_is_previewed_under_it_in_the_preview_folder(tmp_path):
    project = make_project(tmp_path, "/chronologie/")
    folder = project / ".sitegen-cache" / "preview"
    (folder / "ancien").mkdir(parents=True)                            # an older preview under /ancien/
    (folder / "ancien" / "index.html").write_text("ancien", encoding="utf-8")
    served = start(project, "/chronologie/")
    try:
        status, page = get(served.port, "/chronologie/", f"localhost:{served.port}")
        assert status == 200 and "_sitegen/overlay.js" in page
        assert sorted(p.name for p in folder.iterdir()) == ["chronologie"]
        assert not (project / "public").exists()
    finally:
        assert served.stop() == 0, (project / "serve.log").read_text()
    assert leftovers(project / "tmp") == []
    # started again with nothing changed, it rewrites no page
    page = folder / "chronologie" / "index.html"
    before = page.stat()
    served = start(project, "/chronologie/")
    try:
        after = page.stat()
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    finally:
        served.stop()
    assert leftovers(project / "tmp") == []


def test_a_base_url_that_climbs_out_is_refused_and_nothing_outside_is_touched(tmp_path):
    """Before, the preview built into $TMPDIR/sitegen-preview-X/../../victim, that is
    tmp_path/victim here, and replaced what was there."""
    project = make_project(tmp_path / "project", "/")
    (tmp_path / "tmp").mkdir()
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("precious", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "--port", str(free_port()),
                             "--base-url", "/../../victim/"], cwd=project, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "TMPDIR": str(tmp_path / "tmp")})
    try:
        out, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.terminate()
        proc.communicate()
        pytest.fail("sitegen serve accepted the base URL and is serving")
    assert proc.returncode == 1
    assert err.startswith("sitegen: error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    assert files_of(victim) == {"keep.txt": b"precious"}
    assert leftovers(tmp_path / "tmp") == []


def test_no_base_path_puts_the_preview_outside_its_folder(tmp_path):
    for base in ("/../../victim/", "/a/../../b/", "/./", "/a\\..\\b/"):
        with pytest.raises(InputError, match="plain folder name"):      # the configuration's own check
            Config(root=tmp_path, base_url=base)
    config = Config(root=tmp_path)
    for base in ("/../../victim/", "/a/../../b/"):
        config.base_url = base                # as if it came past that check
        with pytest.raises(InputError, match="outside its folder"):
            preview_output(config)
    config.base_url = "/chronologie/"
    assert preview_output(config) == (tmp_path / ".sitegen-cache" / "preview",
                                      tmp_path / ".sitegen-cache" / "preview" / "chronologie")


def test_a_link_in_the_preview_folder_is_removed_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("precious", encoding="utf-8")
    folder = tmp_path / "project" / ".sitegen-cache" / "preview"
    folder.mkdir(parents=True)
    (folder / "chronologie").symlink_to(outside, target_is_directory=True)
    preview = Preview(Config(root=tmp_path / "project", base_url="/chronologie/"))
    assert preview.config.output == folder / "chronologie"
    assert not (folder / "chronologie").exists()
    assert files_of(outside) == {"keep.txt": b"precious"}


def test_a_preview_under_another_base_path_is_cleared_before_the_new_one(tmp_path):
    """Nothing under the preview folder was made by a render there (no record says so):
    a site at "/" is not built over a sub-path site's folders."""
    folder = tmp_path / ".sitegen-cache" / "preview"
    (folder / "chronologie").mkdir(parents=True)
    (folder / "chronologie" / "index.html").write_text("ancien", encoding="utf-8")
    preview = Preview(Config(root=tmp_path, base_url="/"))
    assert preview.root == preview.config.output == folder
    assert not folder.exists()
