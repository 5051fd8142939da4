from pathlib import Path

import pytest

from sitegen.ingest import decode, read_source, read_sources
from sitegen.model import InputError

FIXTURES = Path(__file__).parent / "fixtures"


def source_from(tmp_path: Path, text: str | bytes, name: str = "a.txt"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_source(path, name, set())


def test_title_skips_page_chrome_and_rubric():
    src = read_source(FIXTURES / "articles" / "a-rencontre-rome.txt", "a.txt", set())
    assert src.title == "Les ministres de la Culture français et italien se retrouvent à Rome"
    assert "Rechercher" in src.removed and "Culture - Europe" in src.removed
    assert "Temps de lecture : 2 minutes" in src.removed
    assert "Retour en haut" in src.removed and "Commentaires (3)" in src.removed
    assert all("Retour en haut" not in p for p in src.paragraphs)


def test_markdown_front_matter(tmp_path):
    src = read_source(FIXTURES / "articles" / "b-accord.md", "b.md", set())
    assert src.title == "Saison croisée franco-italienne : un accord signé"
    assert src.metadata_date == "2021-03-03"
    assert src.publisher == "Le Quotidien des Arts"
    assert src.url == "https://example.org/saison-croisee"


def test_bom_and_line_ends(tmp_path):
    src = source_from(tmp_path, b"\xef\xbb\xbfTitre\r\n\r\nPremier paragraphe.\rSecond paragraphe.\r\n")
    assert src.title == "Titre"
    assert src.paragraphs[1:] == ["Premier paragraphe.", "Second paragraphe."]


def test_typographic_apostrophes_are_kept_in_the_text(tmp_path):
    src = source_from(tmp_path, "Titre\n\nL’entretien a eu lieu.\n")
    assert src.paragraphs[1] == "L’entretien a eu lieu."


def test_repeated_caption_and_truncated_teaser_are_removed(tmp_path):
    lead = "Le maire de Lyon a inauguré lundi le nouveau pont sur le Rhône devant un millier de personnes."
    text = f"Un pont neuf\n\n{lead}\n{lead}\nLa suite de l'article.\n\n{lead[:70]}...\n"
    src = source_from(tmp_path, text)
    assert src.paragraphs[1:] == [lead, "La suite de l'article."]
    assert lead in src.removed and f"{lead[:70]}..." in src.removed


def test_metadata_prefix_and_wire_slug(tmp_path):
    text = " date 2019-04 LYON-POLITIQUE-MAIRELe maire a parlé. Il a parlé longtemps. Puis il est parti. Et encore."
    src = source_from(tmp_path, text)
    assert src.metadata_date == "2019-04"
    assert not src.title_in_text                      # one long line: no headline
    assert src.paragraphs[1].startswith("Le maire a parlé.")
    assert "LYON-POLITIQUE-MAIRE" in src.removed


def test_legal_notice_is_chrome(tmp_path):
    notice = ("Conformément à l'article 38 de la Loi 78-17 du 6 janvier 1978 modifiée, vous disposez "
              "d'un droit d'accès, de modification, de rectification et de suppression des données vous concernant.")
    src = source_from(tmp_path, f"Titre\n\nTexte de l'article.\n\n{notice}\n")
    assert notice in src.removed
    assert all("1978" not in p for p in src.paragraphs)


def test_source_line_gives_the_publisher(tmp_path):
    src = source_from(tmp_path, "Titre\n\nTexte.\n\n(Source : Reuters)\n")
    assert src.publisher == "Reuters"


def test_not_utf8_names_file_and_line():
    with pytest.raises(InputError, match=r"latin1.txt:3: not UTF-8"):
        decode((FIXTURES / "bad" / "latin1.txt").read_bytes(), "latin1.txt")


def test_empty_and_binary_files(tmp_path):
    with pytest.raises(InputError, match="no text"):
        source_from(tmp_path, "")
    with pytest.raises(InputError, match="NUL"):
        source_from(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00", "image.txt")


def test_a_20_mb_article_is_refused_by_name_without_being_parsed(tmp_path):
    big = tmp_path / "dump.txt"
    paragraph = "Le maire a inauguré le pont mardi, selon la préfecture.\n\n"
    big.write_text("Titre\n\n" + paragraph * (20_000_000 // len(paragraph)), encoding="utf-8")
    with pytest.raises(InputError, match=r"dump.txt: 2\d\.\d MB, more than the 2 MB .* split it"):
        read_source(big, "dump.txt", set())
    sources, warnings = read_sources(tmp_path)
    assert sources == [] and any("dump.txt: 20.7 MB, more than" in w and "(skipped)" in w for w in warnings)


def test_broken_front_matter_names_the_line(tmp_path):
    with pytest.raises(InputError, match=r"broken-front-matter.md:\d+: front matter is not valid YAML"):
        read_source(FIXTURES / "bad" / "broken-front-matter.md", "broken-front-matter.md", set())


def test_read_sources_skips_bad_files_with_a_warning(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for f in (FIXTURES / "bad").iterdir():
        (seeds / f.name).write_bytes(f.read_bytes())
    (seeds / "ok.txt").write_text("Titre\n\nUn texte.\n", encoding="utf-8")
    (seeds / "notes.pdf").write_bytes(b"%PDF-1.4")
    sources, warnings = read_sources(seeds)
    assert [s.title for s in sources] == ["Titre"]
    assert len(warnings) == 4
    assert any("notes.pdf" in w for w in warnings)


def test_two_identical_articles_are_one_source(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = "Titre\n\nLe maire a parlé mardi à Lyon devant les habitants.\n"
    (seeds / "a.txt").write_text(text, encoding="utf-8")
    (seeds / "b-copie.txt").write_text(text, encoding="utf-8")
    sources, warnings = read_sources(seeds)
    assert len(sources) == 1 and any("the same article as" in w for w in warnings)
    assert sources[0].flags == [{"kind": "duplicate", "file": str(seeds / "b-copie.txt")}]


def test_a_huge_paragraph_is_cut_into_verbatim_pieces(tmp_path):
    sentence = "Le conseil municipal a voté le budget après un long débat. "
    body = sentence * 2000                              # about 120 000 characters on one line
    src = source_from(tmp_path, "Titre\n\n" + body)
    assert len(src.paragraphs) > 3 and all(len(p) <= 20_000 for p in src.paragraphs)
    assert " ".join(src.paragraphs[1:]).split() == body.split()


def test_text_in_another_language_is_flagged(tmp_path):
    english = "Title\n\n" + "The mayor said on Tuesday that the council would vote on the new budget next week. " * 6
    src = source_from(tmp_path, english)
    assert any("does not look like 'fr'" in w for w in src.warnings)
    assert src.flags[-1]["kind"] == "language"


def test_unsafe_url_in_front_matter_is_dropped(tmp_path):
    src = source_from(tmp_path, "---\ntitle: T\nurl: javascript:alert(1)\n---\nUn texte.\n", "a.md")
    assert src.url is None and any("not an http(s) address" in w for w in src.warnings)
