"""The benchmark's corpus generator: deterministic, and corpora nest (the 1,000 corpus is
the start of the 5,000 one), so figures of different sizes compare the same articles."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import corpus  # noqa: E402


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_same_seed_gives_the_same_files_and_corpora_nest(tmp_path):
    corpus.generate(6, tmp_path / "a")
    corpus.generate(6, tmp_path / "b")
    corpus.generate(3, tmp_path / "c")
    a = _files(tmp_path / "a")
    assert len(a) == 6 and a == _files(tmp_path / "b")
    assert all(a[name] == data for name, data in _files(tmp_path / "c").items())
    text = next(iter(a.values())).decode("utf-8")
    assert len(text) > 1500 and "«" in text             # French prose with quotations
    corpus.generate(6, tmp_path / "d", seed=1)
    assert _files(tmp_path / "d") != a


def test_the_benchmark_template_edit_changes_every_event_page(tmp_path):
    """The edit timed as 'templates/event.html edited' must change what the pages show:
    a line after the template's block changes none, and times a render that finds every
    page as it was."""
    import shutil
    import run
    from sitegen.config import Config, theme_dir
    from sitegen.render import render_site
    fixtures = Path(__file__).resolve().parent / "fixtures"
    shutil.copytree(fixtures / "content", tmp_path / "content")
    shutil.copytree(theme_dir(), tmp_path / "templates")
    config = Config(root=tmp_path)
    render_site(config)
    run.edit_file(str(tmp_path / "templates" / "event.html"), run.TEMPLATE_EDIT)
    report = render_site(config)
    events = sorted((tmp_path / "public" / "events").glob("*/index.html"))
    assert report.pages == len(events) >= 2 and report.same == 0
    assert all("bench: template edited" in p.read_text(encoding="utf-8") for p in events)
    article = tmp_path / "a.txt"
    article.write_text("Titre\n", encoding="utf-8")
    run.edit_file(str(article), run.EDIT_SENTENCE)
    assert article.read_text(encoding="utf-8") == "Titre\n" + run.EDIT_SENTENCE
