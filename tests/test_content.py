from sitegen.content import is_edited, read_content, stamp
from sitegen.frontmatter import split
from sitegen.markup import escape_markdown, to_html


def test_stamp_detects_hand_edits():
    page = stamp({"id": "x", "title": "Un titre"}, "Corps.")
    assert not is_edited(page)
    assert is_edited(page.replace("Corps.", "Corps corrigé."))
    assert is_edited("---\nid: x\n---\nÉcrit à la main.\n")


def test_front_matter_round_trip():
    meta, body, line = split(stamp({"id": "x", "date": "2015-11-19", "actors": ["a", "b"]}, "Texte"), "x.md")
    assert meta["date"] == "2015-11-19" and meta["actors"] == ["a", "b"]
    assert body.strip() == "Texte" and line == 9


def test_sentence_spans_survive_markdown():
    text = "Il a dit [1] *oui* <script>x</script>"
    html = to_html(f"[{escape_markdown(text)}]{{#p1s1}}")
    assert '<span class="sentence" id="p1s1">Il a dit [1] *oui* &lt;script&gt;x&lt;/script&gt;</span>' in html


def test_links_to_pages_become_site_links_and_unsafe_ones_are_dropped():
    html = to_html("[A](../actors/a.md) [S](../sources/s.md#p2s1) [x](javascript:alert(1))", "events", "../../")
    assert 'href="../../actors/a/"' in html and 'href="../../sources/s/#p2s1"' in html
    assert "javascript" not in html


def test_read_content_rejects_id_that_differs_from_file_name(tmp_path):
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "a.md").write_text("---\nid: b\n---\n", encoding="utf-8")
    import pytest

    from sitegen.model import InputError
    with pytest.raises(InputError, match=r"events/a.md:2: id 'b' differs"):
        read_content(tmp_path)


def test_malformed_mentions_name_the_page(tmp_path):
    import pytest

    from sitegen.model import InputError
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "e.md").write_text("---\nid: e\nmentions:\n- source: s\n---\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"events/e.md: mention 1 needs at least 'source' and 'quote'"):
        read_content(tmp_path)


def test_hand_edits_survive_any_sequence_of_extractions_and_curations():
    """Property: whatever pages extraction writes, adds or drops, and whatever the editor
    merges, renames or hides in curation.yaml, in any order, a page a person edited keeps
    exactly the person's text, and the curation file keeps exactly the editor's."""
    import tempfile
    from pathlib import Path

    import yaml
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from sitegen.content import write_content
    from sitegen.curation import apply_curation, load_curation
    from sitegen.model import Actor, Chronology

    names = st.sampled_from(["anne", "marc", "paul", "lea", "noe"])
    step = st.tuples(st.sampled_from(["extract", "edit", "merge", "rename", "hide"]),
                     st.frozensets(names, max_size=5), names, names, st.integers(0, 3))

    @settings(max_examples=80, deadline=None)
    @given(st.lists(step, min_size=1, max_size=14))
    def check(steps):
        with tempfile.TemporaryDirectory() as d:
            content = Path(d)
            edited: dict[Path, str] = {}
            curation: dict = {"actors": {"merge": [], "rename": {}, "hide": []}}
            curation_text = None
            for action, present, who, other, variant in steps:
                if action == "extract":
                    actors = [Actor(n, f"{n.title()} {variant}", "person", [], ["s"]) for n in sorted(present)]
                    chron = Chronology([], {}, actors, [], [])
                    data, shown = load_curation(content)
                    apply_curation(chron, data, shown)
                    write_content(chron, content)
                elif action == "edit":
                    page = content / "actors" / f"{who}.md"
                    if page.exists():
                        text = page.read_text(encoding="utf-8") + f"\nNote {variant}.\n"
                        page.write_text(text, encoding="utf-8")
                        edited[page] = text
                else:
                    if action == "merge" and who != other:
                        curation["actors"]["merge"].append([who, other])
                    elif action == "rename":
                        curation["actors"]["rename"][who] = f"Nom {variant}"
                    elif action == "hide":
                        curation["actors"]["hide"].append(who)
                    curation_text = yaml.safe_dump(curation, allow_unicode=True)
                    (content / "curation.yaml").write_text(curation_text, encoding="utf-8")
            for page, text in edited.items():
                assert page.read_text(encoding="utf-8") == text
            if curation_text is not None:
                assert (content / "curation.yaml").read_text(encoding="utf-8") == curation_text

    check()


def test_pages_of_an_unreadable_article_are_kept(tmp_path):
    from sitegen.content import write_content
    from sitegen.model import Actor, Chronology

    write_content(Chronology([], {}, [Actor("anne", "Anne", "person", [], ["s"])], [], []), tmp_path)
    report = write_content(Chronology([], {}, [], [], []), tmp_path, keep_stale=True)
    assert (tmp_path / "actors" / "anne.md").exists() and report.kept_stale == ["actors/anne.md"]
    report = write_content(Chronology([], {}, [], [], []), tmp_path)
    assert not (tmp_path / "actors" / "anne.md").exists() and report.deleted == ["actors/anne.md"]
