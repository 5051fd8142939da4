"""The sitegen command as a user runs it: real processes, real exit codes and messages."""
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def sitegen(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitegen", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_init_scaffolds_a_project_and_refuses_to_overwrite(tmp_path):
    r = sitegen("init", "dossier", "--title", "Mon dossier", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    d = tmp_path / "dossier"
    assert (d / "sitegen.yaml").is_file() and (d / "seeds").is_dir() and (d / "content").is_dir()
    assert (d / "templates" / "base.html").is_file()
    assert 'title: "Mon dossier"' in (d / "sitegen.yaml").read_text(encoding="utf-8")
    (d / "sitegen.yaml").write_text("title: mine\n", encoding="utf-8")
    r = sitegen("init", "dossier", cwd=tmp_path)
    assert r.returncode == 1 and "already there" in r.stderr and "Traceback" not in r.stderr
    assert (d / "sitegen.yaml").read_text(encoding="utf-8") == "title: mine\n"


def test_build_with_flags_into_any_folder_then_keep_hand_edits(project):
    out = project / "site"
    r = sitegen("build", "--seeds", project / "seeds", "--content", project / "pages", "--output", out, cwd=project)
    assert r.returncode == 0, r.stderr
    assert (out / "index.html").is_file() and (out / "data/chronology.json").is_file()
    assert "2 mars 2021" in (out / "index.html").read_text(encoding="utf-8")
    event = next((project / "pages/events").glob("2021-03-02-*.md"))
    edited = event.read_text(encoding="utf-8") + "\nNote de la rédaction : à vérifier.\n"
    event.write_text(edited, encoding="utf-8")
    r = sitegen("extract", "--seeds", project / "seeds", "--content", project / "pages", cwd=project)
    assert r.returncode == 0, r.stderr
    assert event.read_text(encoding="utf-8") == edited
    assert "edited by hand, kept" in r.stderr


def test_render_alone_does_not_need_the_seeds(tmp_path):
    import shutil
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    r = sitegen("render", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "public/events/2021-03-02-rencontre/index.html").is_file()


def test_user_mistakes_get_one_clear_line_and_exit_1(tmp_path):
    r = sitegen("build", "--seeds", tmp_path / "nowhere", cwd=tmp_path)
    assert r.returncode == 1 and "seeds folder not found" in r.stderr and "Traceback" not in r.stderr
    (tmp_path / "sitegen.yaml").write_text("titel: oops\n", encoding="utf-8")
    r = sitegen("render", cwd=tmp_path)
    assert r.returncode == 1 and "unknown setting(s) titel" in r.stderr and "Traceback" not in r.stderr


def test_only_bad_articles(tmp_path):
    import shutil
    shutil.copytree(FIXTURES / "bad", tmp_path / "seeds")
    r = sitegen("extract", cwd=tmp_path)
    assert r.returncode == 1
    assert "latin1.txt:3: not UTF-8" in r.stderr and "no usable article" in r.stderr
    assert "Traceback" not in r.stderr


def test_strict_turns_warnings_into_failure(project):
    (project / "seeds" / "notes.pdf").write_bytes(b"%PDF-1.4")
    r = sitegen("extract", "--strict", cwd=project)
    assert r.returncode == 1 and "notes.pdf" in r.stderr


def test_bad_inputs_each_get_a_clear_answer(tmp_path):
    """The corpus of bad articles in tests/fixtures/bad-seeds: the build goes on with a
    warning naming each bad file and saying what is wrong, the good ones make a site,
    and --strict turns the warnings into failure."""
    import shutil

    import yaml
    folder = FIXTURES / "bad-seeds"
    expected = yaml.safe_load((folder / ".expected.yaml").read_text(encoding="utf-8"))
    assert sorted(expected) == sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    shutil.copytree(folder, tmp_path / "seeds")
    r = sitegen("build", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    warned = r.stderr.splitlines()
    for name, answer in expected.items():
        about = [line for line in warned if f"seeds/{name}:" in line.split(" ", 2)[1]]
        if answer == "read":
            assert not about, about
        else:
            assert any(answer in line for line in about), (name, answer, about)
    titles = {yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1])["title"]
              for p in (tmp_path / "content" / "sources").glob("*.md")}
    assert {"Titre avec BOM", "Titre en CRLF", "Titre en CR", "Le pont de Nantes rouvre"} <= titles, titles
    assert (tmp_path / "public" / "index.html").is_file()
    r = sitegen("build", "--strict", cwd=tmp_path)
    assert r.returncode == 1 and "--strict" in r.stderr


def test_a_broken_content_page_names_file_and_line(tmp_path):
    import shutil
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    page = tmp_path / "content" / "actors" / "marco-bellini.md"
    page.write_text("---\nid: marco-bellini\nname: [Marco\n---\n", encoding="utf-8")
    r = sitegen("render", cwd=tmp_path)
    assert r.returncode == 1 and "actors/marco-bellini.md:" in r.stderr and "not valid YAML" in r.stderr
    assert "Traceback" not in r.stderr


def test_a_template_with_an_undefined_variable_is_named(tmp_path):
    import shutil
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "actor.html").write_text(
        "{% extends 'base.html' %}{% block main %}{{ nonexistent.name }}{% endblock %}", encoding="utf-8")
    r = sitegen("render", cwd=tmp_path)
    assert r.returncode == 1 and "actor.html" in r.stderr and "nonexistent" in r.stderr
    assert "Traceback" not in r.stderr


LATE_CTRL_C = """
import sys, time
import sitegen
sys.unraisablehook = {hook}

class Finalized:
    def __del__(self):
        raise KeyboardInterrupt          # a Ctrl-C landing while Python finalizes an object

try:
    Finalized()
    time.sleep(5)
    print("went on")
except KeyboardInterrupt:
    print("interrupted")
"""


def test_a_ctrl_c_landing_in_a_finalizer_still_interrupts_without_a_traceback():
    """A render's Ctrl-C once landed in a finished subprocess's Popen.__del__: Python printed
    a traceback there and the command went on. The console command delivers it again."""
    run = subprocess.run([sys.executable, "-c", LATE_CTRL_C.format(hook="sitegen.interrupt_again")],
                         capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "interrupted" and "Traceback" not in run.stderr
    run = subprocess.run([sys.executable, "-c", LATE_CTRL_C.format(hook="sys.__unraisablehook__")],
                         capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "went on" and "Traceback" in run.stderr      # what Python does alone


def test_the_console_command_installs_the_hook():
    code = "import sys, sitegen; sitegen.main(['rules']); print(sys.unraisablehook is sitegen.interrupt_again)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.stdout.strip().endswith("True")
