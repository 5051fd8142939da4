"""A careless or hostile user loses no file: sitegen replaces only a site it built,
reads nothing outside the dossier, keeps a hand edit's citations on their sentence,
and says a full or read-only disk in one line with the previous site whole."""
from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sitegen.config import Config, normalise_base_url
from sitegen.files import SITE_MARKER, atomic_write, project_lock, remove_temporary_files, site_refusal
from sitegen.model import InputError

FIXTURES = Path(__file__).parent / "fixtures"


def sitegen(cwd: Path, *args: str, timeout: float = 300, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitegen", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder (links not followed) with a digest of its bytes."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            out[str(path.relative_to(folder))] = "link:" + os.readlink(path)
        elif path.is_file():
            out[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            out[str(path.relative_to(folder)) + "/"] = "dir"
    return out


def one_error_line(r: subprocess.CompletedProcess) -> str:
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr, r.stderr
    errors = [line for line in r.stderr.splitlines() if line.startswith("sitegen: error:")]
    assert len(errors) == 1, r.stderr
    return errors[0]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A project of two short articles, in a folder of its own beside a user's files."""
    root = tmp_path / "projet"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "a.txt").write_text(
        "Visite du ministre à Lyon\n\nLe ministre de l'Intérieur, Paul Ferrand, a visité Lyon le 3 mars 2019. "
        "Il a rencontré le maire.\n\nLe maire a salué « une visite utile » mardi 5 mars 2019.\n", encoding="utf-8")
    (root / "seeds" / "b.txt").write_text(
        "Le maire de Lyon répond\n\nLe 4 mars 2019, le maire de Lyon, Anne Morel, a répondu au ministre. "
        "Elle a demandé des moyens.\n", encoding="utf-8")
    (root / "sitegen.yaml").write_text("title: Essai\n", encoding="utf-8")
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "these.txt").write_text("ma thèse\n", encoding="utf-8")
    (home / ".ssh").mkdir()
    (home / ".ssh" / "id_ed25519").write_text("secret\n", encoding="utf-8")
    (home / ".bashrc").write_text("export A=1\n", encoding="utf-8")
    return root


# ------------------------------------------------------------------ the output folder

@pytest.mark.parametrize("output, says", [
    ("../home", "holds files that sitegen did not make"),
    (".", "is the project folder"),
    ("..", "holds the project folder"),
    ("/", "holds the project folder"),
    ("seeds", "is the seeds folder"),
    ("seeds/site", "is inside the seeds folder"),
    ("content", "is the content folder"),
    ("notes.txt", "is a file"),
    (".sitegen-cache", "holds sitegen's cache"),
])
def test_a_build_never_replaces_a_folder_it_did_not_make(small, output, says):
    (small / "content").mkdir()
    (small / "content" / "notes-perso.md").write_text("mes notes\n", encoding="utf-8")
    (small / "notes.txt").write_text("à garder\n", encoding="utf-8")
    before = snapshot(small.parent)
    r = sitegen(small, "build", "--output", output)
    line = one_error_line(r)
    assert "output folder" in line and says in line, line
    assert snapshot(small.parent) == before         # nothing written, nothing deleted, nothing hidden


def test_content_inside_the_output_is_refused(small):
    (small / "public").mkdir()
    before = snapshot(small.parent)
    line = one_error_line(sitegen(small, "build", "--content", "public/content"))
    assert "holds the content folder" in line
    assert snapshot(small.parent) == before


def test_content_and_seeds_must_be_apart(small):
    line = one_error_line(sitegen(small, "extract", "--content", "seeds/pages"))
    assert "content folder" in line and "seeds folder" in line


def test_site_refusal_accepts_only_missing_empty_or_marked_folders(tmp_path):
    assert site_refusal(tmp_path / "new") is None
    (tmp_path / "empty").mkdir()
    assert site_refusal(tmp_path / "empty") is None
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("x")
    assert "did not make" in site_refusal(tmp_path / "site")
    (tmp_path / "site" / SITE_MARKER).write_text("x")
    assert site_refusal(tmp_path / "site") is None
    (tmp_path / "link").symlink_to(tmp_path / "site")
    assert "symbolic link" in site_refusal(tmp_path / "link")
    (tmp_path / "file").write_text("x")
    assert "is a file" in site_refusal(tmp_path / "file")
    # a marker that is itself a link does not count
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x").write_text("x")
    (tmp_path / "other" / SITE_MARKER).symlink_to(tmp_path / "site" / SITE_MARKER)
    assert site_refusal(tmp_path / "other") is not None


def test_a_site_it_built_is_replaced_and_one_built_before_markers_too(small):
    r = sitegen(small, "build", "-q")
    assert r.returncode == 0, r.stderr
    site = small / "public"
    assert (site / SITE_MARKER).is_file()
    # an older sitegen made no marker: the site its last render recorded is still its own
    from sitegen.record import PREVIEW_FILES, manifest
    (site / SITE_MARKER).unlink()
    for path in (small / ".sitegen-cache").glob("render-*.json"):      # as that sitegen recorded it
        record = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps({**record, "manifest": manifest(site, PREVIEW_FILES)}), encoding="utf-8")
    r = sitegen(small, "render", "--force", "-q")
    assert r.returncode == 0, r.stderr
    assert (site / SITE_MARKER).is_file()
    # a file the user added since makes the folder theirs too: refused, kept
    (site / SITE_MARKER).unlink()
    (site / "mine.txt").write_text("à moi\n", encoding="utf-8")
    before = snapshot(site)
    line = one_error_line(sitegen(small, "render", "--force", "-q"))
    assert "did not make" in line
    assert snapshot(site) == before


# ------------------------------------------------------------------ base_url

@pytest.mark.parametrize("value", ["/../../victim/", "..", "/a/./b/", "javascript:alert(1)", "//evil.example/x/",
                                   "http://[::1/", "ftp://example.org/", "https://example.org/a/../b/",
                                   "/a%2e%2e/", "/a\\b/", "https://example.org/?q=1", "https://user:pw@example.org/",
                                   "https://example.org:port/"])
def test_a_bad_base_url_is_refused_naming_the_setting(small, value):
    with pytest.raises(InputError):
        normalise_base_url(value)
    (small / "sitegen.yaml").write_text(f"title: Essai\nbase_url: {json.dumps(value)}\n", encoding="utf-8")
    line = one_error_line(sitegen(small, "build"))
    assert "sitegen.yaml: base_url" in line, line
    (small / "sitegen.yaml").write_text("title: Essai\n", encoding="utf-8")
    line = one_error_line(sitegen(small, "serve", "--base-url", value, "--port", "1"))
    assert "--base-url" in line, line


@pytest.mark.parametrize("value, normal", [("/", "/"), ("", "/"), ("repo", "/repo/"), ("/chrono-2015/", "/chrono-2015/"),
                                           ("https://u.github.io/repo", "https://u.github.io/repo/"),
                                           ("http://localhost:8000/a/b", "http://localhost:8000/a/b/"),
                                           ("/été/", "/été/")])
def test_good_base_urls_are_normalised(value, normal):
    assert normalise_base_url(value) == normal
    assert Config(root=Path("/tmp"), base_url=value).base_url == normal


# ------------------------------------------------------------------ outside the dossier

def test_links_out_of_the_seeds_folder_and_subfolders_are_not_read(small, tmp_path):
    secret = tmp_path / "cle-privee.txt"
    secret.write_text("Titre secret\n\nBEGIN PRIVATE KEY abcdef le 3 mars 2019.\n", encoding="utf-8")
    (small / "seeds" / "cle.txt").symlink_to(secret)
    (small / "seeds" / "archives").mkdir()
    (small / "seeds" / "archives" / "c.txt").write_text("Titre\n\nTexte du 3 mars 2019.\n", encoding="utf-8")
    os.mkfifo(small / "seeds" / "tube.txt")
    r = sitegen(small, "build")
    assert r.returncode == 0, r.stderr
    assert "seeds/cle.txt: a link to a file outside the seeds folder; not read" in r.stderr
    assert "seeds/archives/: a folder; only the articles directly in seeds/ are read" in r.stderr
    assert "seeds/tube.txt: not a regular file; not read" in r.stderr
    for path in (small / "public").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv"):
            assert "PRIVATE KEY" not in path.read_text(encoding="utf-8", errors="replace"), path
    assert len(list((small / "content" / "sources").glob("*.md"))) == 2


def test_a_fifo_or_a_link_among_the_content_pages_neither_hangs_nor_is_read(small, tmp_path):
    r = sitegen(small, "build", "-q")
    assert r.returncode == 0, r.stderr
    os.mkfifo(small / "content" / "events" / "tube.md")
    outside = tmp_path / "dehors.md"
    outside.write_text("---\nid: dehors\nname: Dehors secret\ntype: person\n---\nSECRET\n", encoding="utf-8")
    (small / "content" / "actors" / "dehors.md").symlink_to(outside)
    r = sitegen(small, "build", timeout=120)        # a FIFO read would wait here forever
    assert r.returncode == 0, r.stderr
    assert "content/events/tube.md: not a regular file" in r.stderr
    assert "content/actors/dehors.md: not a regular file" in r.stderr
    assert not (small / "public" / "actors" / "dehors").exists()
    assert stat.S_ISFIFO(os.lstat(small / "content" / "events" / "tube.md").st_mode)   # left as it was


# ------------------------------------------------------------------ hand edits keep their citations

def _cited(site: Path, event: str) -> list[tuple[str, str]]:
    """(source, anchor) of each report link of an event page."""
    import re
    html = (site / "events" / event / "index.html").read_text(encoding="utf-8")
    return re.findall(r'href="\.\./\.\./sources/([^/"]+)/#(p\d+s\d+)"', html)


def _sentence(site: Path, source: str, anchor: str) -> str:
    import html as html_lib
    import re
    page = (site / "sources" / source / "index.html").read_text(encoding="utf-8")
    m = re.search(rf'<span class="sentence[^"]*" id="{anchor}">(.*?)</span>', page, re.S)
    if m is None and anchor == "p0s1":
        m = re.search(r'id="p0s1"[^>]*>(.*?)<', page, re.S)
    return html_lib.unescape(m.group(1)) if m else ""


def test_a_kept_hand_edit_still_cites_its_sentence_after_the_article_changes(small):
    r = sitegen(small, "build", "-q")
    assert r.returncode == 0, r.stderr
    events = sorted((small / "content" / "events").glob("*.md"))
    from sitegen import frontmatter
    edited = None
    for path in events:
        meta, body, _ = frontmatter.split(path.read_text(encoding="utf-8"), str(path))
        if any(m["anchor"] != "p0s1" for m in meta["mentions"]):
            edited = path
            break
    assert edited is not None
    text = edited.read_text(encoding="utf-8") + "\nNote de la rédaction : vérifié.\n"
    edited.write_text(text, encoding="utf-8")
    # the articles gain a paragraph at the top: every sentence's anchor moves by one
    for name in ("a.txt", "b.txt"):
        path = small / "seeds" / name
        lines = path.read_text(encoding="utf-8").split("\n", 1)
        path.write_text(lines[0] + "\n\nUn paragraphe ajouté en tête de l'article.\n" + lines[1], encoding="utf-8")
    r = sitegen(small, "build")
    assert r.returncode == 0, r.stderr
    assert f"{edited.name}: edited by hand, kept as it is" in r.stderr
    assert edited.read_text(encoding="utf-8") == text            # the person's page is untouched
    meta, _, _ = frontmatter.split(text, "x")
    cited = _cited(small / "public", edited.stem)
    assert len(cited) == len(meta["mentions"])
    for (source, anchor), mention in zip(cited, meta["mentions"]):
        assert " ".join(mention["quote"].split()) in " ".join(_sentence(small / "public", source, anchor).split())
    assert "is not in content/sources" not in r.stderr
    # a quote the article no longer holds is told, naming the page
    edited.write_text(text.replace(meta["mentions"][0]["quote"], "Une phrase que personne n'a écrite."),
                      encoding="utf-8")
    r = sitegen(small, "build")
    assert r.returncode == 0
    assert f"events/{edited.name}: the quote \"Une phrase que personne n'a écrite.\" is not in" in r.stderr


# ------------------------------------------------------------------ files as a user makes them

def test_pages_and_cache_files_get_the_users_permissions(tmp_path):
    target = tmp_path / "page.md"
    old = os.umask(0o022)
    try:
        atomic_write(target, "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o600)                  # a page the user made private stays private
    atomic_write(target, "y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_half_written_files_of_a_killed_extract_are_removed(tmp_path):
    events = tmp_path / "content" / "events"
    events.mkdir(parents=True)
    (events / ".tmp-k1ll3d00").write_text("half a page")
    (tmp_path / "content" / ".tmp-abcdefgh").write_text("half")
    (events / "mine.md").write_text("mine")
    (events / ".tmp-mes-notes.txt").write_text("a person's file, not one of atomic_write's")
    removed = remove_temporary_files(tmp_path / "content", ("events", "actors"))
    assert sorted(p.name for p in removed) == [".tmp-abcdefgh", ".tmp-k1ll3d00"]
    assert (events / "mine.md").exists() and (events / ".tmp-mes-notes.txt").exists()


def test_a_build_removes_what_a_killed_extract_left_and_writes_readable_pages(small):
    (small / "content" / "events").mkdir(parents=True)
    (small / "content" / "events" / ".tmp-k1ll3d00").write_text("half a page")
    r = subprocess.run([sys.executable, "-c", "import os, sys; os.umask(0o022); from sitegen.cli import main; "
                        "sys.exit(main(['build', '-q']))"], cwd=small, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert not (small / "content" / "events" / ".tmp-k1ll3d00").exists()
    for path in [*(small / "content").rglob("*.md"), *(small / ".sitegen-cache").rglob("*.pickle")]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


# ------------------------------------------------------------------ one build at a time

def test_a_second_build_waits_for_the_first(small):
    r = sitegen(small, "build", "-q")
    assert r.returncode == 0, r.stderr
    (small / "sitegen.yaml").write_text("title: Essai attendu\n", encoding="utf-8")
    with project_lock(small / ".sitegen-cache"):
        proc = subprocess.Popen([sys.executable, "-m", "sitegen", "render", "-q"], cwd=small,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            first = proc.stderr.readline()          # said before it waits
            assert "another sitegen build of this project is running; waiting" in first
            assert proc.poll() is None              # and it does wait
        except BaseException:
            proc.kill()
            raise
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "Essai attendu" in (small / "public" / "index.html").read_text(encoding="utf-8")


def test_overlapping_renders_both_succeed(small):
    r = sitegen(small, "build", "-q")
    assert r.returncode == 0, r.stderr
    procs = [subprocess.Popen([sys.executable, "-m", "sitegen", "render", "--force", "-q"], cwd=small,
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    assert all(code == 0 for code, _ in results), results
    assert (small / "public" / SITE_MARKER).is_file() and (small / "public" / "index.html").is_file()
    assert not list(small.glob(".public.*"))


# ------------------------------------------------------------------ full, read-only, immutable disks

NAMESPACE_SCRIPT = textwrap.dedent("""
    import hashlib, json, os, subprocess, sys
    from pathlib import Path
    project, mount = Path(sys.argv[1]), Path(sys.argv[2])
    def run(*args):
        r = subprocess.run([sys.executable, "-m", "sitegen", *args, "--output", str(mount / "site")],
                           cwd=project, capture_output=True, text=True)
        return {"code": r.returncode, "err": r.stderr}
    def digest():
        h = hashlib.sha256()
        for p in sorted((mount / "site").rglob("*")):
            if p.is_file():
                h.update(str(p).encode() + p.read_bytes())
        return h.hexdigest()
    out = {"first": run("render", "-q"), "before": digest()}
    step = sys.argv[3]
    if step == "full":
        # a new title: every page changes, none can be linked from the site before
        (project / "sitegen.yaml").write_text("title: Essai plein\\n", encoding="utf-8")
        free = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
        with open(mount / "filler", "wb") as fh:      # leave 16 kB: the pages no longer fit
            fh.write(b"x" * max(0, free - 16 * 1024))
        out["second"] = run("render", "--force", "-q")
        out["after"] = digest()
        os.unlink(mount / "filler")
        out["third"] = run("render", "-q")
        out["index_files"] = sorted(p.name for p in (mount / "site" / "pagefind").iterdir())
        out["empty"] = [str(p) for p in (mount / "site").rglob("*") if p.is_file() and p.stat().st_size == 0
                        and p.name != ".nojekyll"]
    elif step == "readonly":
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        out["second"] = run("render", "--force", "-q")
        out["after"] = digest()
    print(json.dumps(out))
""")


def _in_small_disk(project: Path, step: str, size: str = "6m") -> dict:
    """Run the script above in a mount namespace of its own (unshare, as root or with a
    user namespace) where a small tmpfs holds the site."""
    r = sitegen(project, "build", "-q")
    assert r.returncode == 0, r.stderr
    mount = project.parent / "disk"
    mount.mkdir()
    script = project.parent / "disk.py"
    script.write_text(NAMESPACE_SCRIPT, encoding="utf-8")
    cmd = f'mount -t tmpfs -o size={size} tmpfs "{mount}" && exec "{sys.executable}" "{script}" "{project}" "{mount}" {step}'
    unshare = ["unshare", "--mount"] if os.geteuid() == 0 else ["unshare", "--user", "--map-root-user", "--mount"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    done = subprocess.run([*unshare, "sh", "-c", cmd], capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_full_disk_is_one_line_and_the_previous_site_stays_whole(small):
    out = _in_small_disk(small, "full")
    assert out["first"]["code"] == 0, out["first"]["err"]
    second = out["second"]
    assert second["code"] == 1 and "Traceback" not in second["err"], second["err"]
    line = [l for l in second["err"].splitlines() if l.startswith("sitegen: error:")]
    assert len(line) == 1 and "disk/site: No space left on device" in line[0], second["err"]   # the site named
    assert "the previous site was left as it was" in line[0]
    assert out["after"] == out["before"]
    # with space again, the next build makes a whole site, search index included
    assert out["third"]["code"] == 0, out["third"]["err"]
    assert out["empty"] == [] and "pagefind-entry.json" in out["index_files"]


def test_a_read_only_output_is_one_line_and_the_site_stays_whole(small):
    out = _in_small_disk(small, "readonly")
    second = out["second"]
    assert second["code"] == 1 and "Traceback" not in second["err"], second["err"]
    assert "disk/site: Read-only file system" in second["err"], second["err"]
    assert "the previous site was left as it was" in second["err"]
    assert out["after"] == out["before"]


def test_an_immutable_output_is_one_line_and_the_site_stays_whole(small):
    r = sitegen(small, "build", "-q")
    assert r.returncode == 0, r.stderr
    if os.geteuid() != 0:
        pytest.skip("chattr +i needs root (CI runs as root)")
    site = small / "public"
    before = snapshot(site)
    subprocess.run(["chattr", "+i", str(site)], check=True)
    try:
        line = one_error_line(sitegen(small, "render", "--force", "-q"))
    finally:
        subprocess.run(["chattr", "-i", str(site)], check=True)
    assert "Operation not permitted" in line and str(site) in line
    assert snapshot(site) == before
    assert not list(small.glob(".public.*"))


def test_a_search_index_broken_by_a_full_disk_fails_the_render(tmp_path):
    from sitegen.render import RenderReport, _finish_index, _start_index
    site = tmp_path / "site"
    (site / "events" / "x").mkdir(parents=True)
    (site / "events" / "x" / "index.html").write_text(
        "<!doctype html><html lang=fr><head><title>x</title></head><body><main data-pagefind-body>"
        + "Des mots à chercher. " * 400 + "</main></body></html>", encoding="utf-8")
    bundle = tmp_path / "bundle"
    report = RenderReport()
    assert _finish_index(_start_index(site, report, into=bundle), report), report.warnings
    (bundle / "pagefind-entry.json").write_bytes(b"")            # what a full disk leaves
    from sitegen.render import _index_broken
    assert "empty file" in _index_broken(bundle)
