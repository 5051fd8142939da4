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
