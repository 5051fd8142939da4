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


# ---------------------------------------------------------------- page furniture by shape and place

from sitegen import rules  # noqa: E402

LEAD = ("Le conseil municipal de Valence a voté mardi soir la rénovation complète de la piscine "
        "olympique, fermée depuis deux ans.")
SECOND = "Les travaux commenceront au printemps et dureront dix-huit mois, selon l'adjoint aux sports."


def page(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def test_share_bar_menu_and_breadcrumb_are_furniture(tmp_path):
    src = source_from(tmp_path, page("La piscine rénovée", "Sports > Valence > Équipements",
                                     "Partager | Imprimer | Envoyer", LEAD, SECOND,
                                     "Mentions légales | Plan du site | Contact"))
    assert src.paragraphs[1:] == [LEAD, SECOND]
    assert "Partager | Imprimer | Envoyer" in src.removed
    assert "Mentions légales | Plan du site | Contact" in src.removed


def test_a_sentence_with_a_bar_is_not_a_menu(tmp_path):
    line = "Le maire a tranché : la piscine rouvrira | les tarifs resteront les mêmes pour les familles."
    src = source_from(tmp_path, page("Titre", LEAD, line))
    assert line in src.paragraphs


def test_markdown_link_lines_and_pictures_are_furniture(tmp_path):
    text = page("# La piscine rénovée", "[Partager](https://x.example/p) · [Imprimer](#)",
                "![](piscine.jpg)", LEAD, "> Lire aussi : [Le budget des sports en hausse](#)", SECOND)
    src = source_from(tmp_path, text, "a.md")
    assert src.paragraphs[1:] == [LEAD, SECOND]
    assert "![](piscine.jpg)" in src.removed
    assert "> Lire aussi : [Le budget des sports en hausse](#)" in src.removed


def test_plain_view_switched_off_keeps_a_quoted_markdown_teaser(tmp_path, rules_off):
    rules_off("ingest.plain_view")
    line = "> Lire aussi : [Le budget des sports en hausse](#)"
    src = source_from(tmp_path, page("# Titre", LEAD, line, SECOND), "a.md")
    assert line in src.paragraphs


def test_calls_to_the_reader_are_furniture_but_quotations_are_not(tmp_path):
    call = "Recevez chaque matin notre lettre sur la vie locale."
    box = "Lettre des sports : inscrivez-vous, c'est gratuit"
    you = "Chaque vendredi, les résultats du week-end dans votre boîte mail."
    quoted = "« Venez nombreux, vous ne serez pas déçus », a lancé l'adjoint aux sports."
    src = source_from(tmp_path, page("Titre", LEAD, quoted, SECOND, call, box, you))
    assert src.paragraphs[1:] == [LEAD, quoted, SECOND]
    assert call in src.removed and box in src.removed and you in src.removed


def test_a_headline_speaking_to_the_reader_stays_the_headline(tmp_path):
    src = source_from(tmp_path, page("Piscine : ce que vous devez savoir avant la rentrée", LEAD, SECOND))
    assert src.title == "Piscine : ce que vous devez savoir avant la rentrée"


def test_second_person_rule_switched_off(tmp_path, rules_off):
    you = "Chaque vendredi, les résultats du week-end dans votre boîte mail."
    rules_off("ingest.second_person")
    src = source_from(tmp_path, page("Titre", LEAD, SECOND, you))
    assert you in src.paragraphs


def test_teaser_of_another_article_is_furniture(tmp_path):
    teaser = "À découvrir dans notre supplément : les dix plus belles piscines de la région et leurs…"
    src = source_from(tmp_path, page("Titre", LEAD, SECOND, teaser))
    assert teaser in src.removed and src.paragraphs[1:] == [LEAD, SECOND]


def test_a_sentence_opening_with_voir_is_not_a_teaser(tmp_path):
    line = "Voir la piscine fermée pendant deux ans a lassé les clubs, qui s'entraînent à Romans."
    src = source_from(tmp_path, page("Titre", LEAD, line))
    assert line in src.paragraphs


def test_counters_and_credit_lines_are_furniture(tmp_path):
    src = source_from(tmp_path, page("Titre", "Réactions (12)", LEAD, SECOND, "(Avec notre correspondant à Romans)",
                                     "7 partages"))
    assert src.paragraphs[1:] == [LEAD, SECOND]
    assert {"Réactions (12)", "(Avec notre correspondant à Romans)", "7 partages"} <= set(src.removed)


def test_a_number_line_inside_the_article_is_kept(tmp_path):
    src = source_from(tmp_path, page("Titre", LEAD, "12 chantiers", SECOND))
    assert "12 chantiers" in src.paragraphs        # a subhead inside the article, not a counter


def test_caption_credit_is_cut_and_the_caption_words_stay(tmp_path):
    caption = "Le bassin olympique vidé, lundi 3 mars. (Photo Jeanne Martin / Le Dauphiné)"
    md_caption = "*Le chantier vu du ciel, mardi. © Drone Valence*"
    src = source_from(tmp_path, page("Titre", caption, LEAD, md_caption, SECOND))
    assert src.paragraphs[1:] == ["Le bassin olympique vidé, lundi 3 mars.", LEAD,
                                  "Le chantier vu du ciel, mardi.", SECOND]
    assert "(Photo Jeanne Martin / Le Dauphiné)" in src.removed and "© Drone Valence*" in src.removed


def test_byline_above_the_article_is_furniture_but_par_ailleurs_is_text(tmp_path):
    later = "Par ailleurs, la patinoire voisine fermera trois semaines en juillet"
    src = source_from(tmp_path, page("Titre", "Par Marc Lenoir et Sophie Brun", LEAD, later, SECOND))
    assert "Par Marc Lenoir et Sophie Brun" in src.removed
    assert src.paragraphs[1:] == [LEAD, later, SECOND]


def test_short_lines_after_the_last_sentence_are_furniture(tmp_path):
    src = source_from(tmp_path, page("Titre", LEAD, "Un chantier de dix-huit mois", SECOND,
                                     "La lettre du soir", "Je valide", "Thomas GIRAUD"))
    assert src.paragraphs[1:] == [LEAD, "Un chantier de dix-huit mois", SECOND]
    assert {"La lettre du soir", "Je valide", "Thomas GIRAUD"} <= set(src.removed)


def test_after_body_switched_off_keeps_them(tmp_path, rules_off):
    rules_off("ingest.after_body")
    src = source_from(tmp_path, page("Titre", LEAD, SECOND, "Thomas GIRAUD"))
    assert src.paragraphs[-1] == "Thomas GIRAUD"


def test_live_blog_time_stamps_are_not_words_of_the_entries(tmp_path):
    text = page("EN DIRECT. Crue de la Drôme",
                "18h40 — Les pompiers évacuent un camping",
                "Une centaine de vacanciers ont été mis à l'abri dans le gymnase de Crest, selon la mairie.",
                "17h15 — « Nous n'avons jamais vu ça »",
                "Le maire de Crest a décrit une montée des eaux d'un mètre en une heure.",
                "16h05 - La préfecture place le département en vigilance rouge.")
    src = source_from(tmp_path, text)
    assert src.paragraphs[1] == "Les pompiers évacuent un camping"
    assert src.paragraphs[3] == "« Nous n'avons jamais vu ça »"
    assert src.paragraphs[5] == "La préfecture place le département en vigilance rouge."
    assert not any(p[:1].isdigit() for p in src.paragraphs)
    assert {"18h40 —", "17h15 —", "16h05 -"} <= set(src.removed)
    original = src.original
    assert all(p in original for p in src.paragraphs)          # verbatim parts of the file


def test_a_paragraph_opening_with_an_hour_in_a_sentence_keeps_it(tmp_path):
    line = "18h40 était l'heure prévue pour l'ouverture des portes, mais le public a attendu."
    src = source_from(tmp_path, page("Titre", LEAD, line))
    assert line in src.paragraphs


def test_live_stamp_switched_off(tmp_path, rules_off):
    rules_off("ingest.live_stamp")
    src = source_from(tmp_path, page("Titre", "18h40 — Les pompiers évacuent un camping", LEAD))
    assert src.paragraphs[1] == "18h40 — Les pompiers évacuent un camping"


def test_every_furniture_rule_is_named_and_listed():
    names = dict(rules.listing())
    for name in ("ingest.link_line", "ingest.caption_credit", "ingest.live_stamp", "ingest.call_to_reader",
                 "ingest.second_person", "ingest.teaser_line", "ingest.counter", "ingest.credit_line",
                 "ingest.menu_line", "ingest.byline", "ingest.after_body", "ingest.plain_view",
                 "ingest.chrome_lines", "ingest.repeated_line", "ingest.datelines"):
        assert names.get(name), name


def test_the_ingest_memo_keys_on_the_rules_switched_off(tmp_path):
    from sitegen.cache import ExtractionCache
    path = tmp_path / "a.txt"
    path.write_text(page("Titre", LEAD, SECOND, "Thomas GIRAUD"), encoding="utf-8")
    on = read_source(path, "a.txt", set(), cache=ExtractionCache(None, "none"))
    try:
        rules.switch_off(["ingest.after_body"])
        off = read_source(path, "a.txt", set(), cache=ExtractionCache(None, "none", rules.off()))
    finally:
        rules.switch_off([])
    assert "Thomas GIRAUD" not in on.paragraphs and "Thomas GIRAUD" in off.paragraphs


def test_an_interview_question_to_the_guest_is_text(tmp_path):
    question = "Vous avez annoncé lundi votre départ de la fédération. Pourquoi maintenant ?"
    src = source_from(tmp_path, page("Titre", LEAD, question, SECOND))
    assert question in src.paragraphs


def test_an_infinitive_inside_a_line_is_no_button(tmp_path):
    line = "Objectif affiché : partager les créneaux entre les clubs"
    src = source_from(tmp_path, page("Titre", LEAD, line, SECOND))
    assert line in src.paragraphs
    src = source_from(tmp_path, page("Titre", LEAD, SECOND, "Partager sur les réseaux"))
    assert "Partager sur les réseaux" in src.removed


def test_a_list_closing_the_article_is_text(tmp_path):
    src = source_from(tmp_path, page("Titre", LEAD, SECOND, "- un bassin de cinquante mètres",
                                     "- une fosse de plongée"))
    assert src.paragraphs[-2:] == ["- un bassin de cinquante mètres", "- une fosse de plongée"]


def test_a_hard_wrapped_line_opening_with_par_is_no_byline(tmp_path):
    text = ("Titre\n\nLe conseil municipal a longtemps hésité, freiné\npar le coût des travaux et les recours\n"
            "des riverains, avant de voter la rénovation mardi.\n")
    src = source_from(tmp_path, text)
    assert "par le coût des travaux et les recours" in src.paragraphs


def test_second_person_inside_a_quotation_over_several_lines_is_text(tmp_path):
    opened = "« Je vous le dis franchement, cette piscine, vous l'aurez à la rentrée,"
    closed = "vous n'attendrez pas une année de plus », a promis le maire."
    src = source_from(tmp_path, page("Titre", LEAD, opened, closed, SECOND))
    assert opened in src.paragraphs and closed in src.paragraphs


def test_truncated_teaser_switched_off_keeps_it(tmp_path, rules_off):
    lead = "Le maire de Lyon a inauguré lundi le nouveau pont sur le Rhône devant un millier de personnes."
    rules_off("ingest.truncated_teaser")
    src = source_from(tmp_path, f"Un pont neuf\n\n{lead}\n\nLa suite de l'article.\n\n{lead[:70]}...\n")
    assert f"{lead[:70]}..." in src.paragraphs


def test_wire_slug_switched_off_leaves_it_glued(tmp_path, rules_off):
    rules_off("ingest.wire_slug")
    src = source_from(tmp_path, "Titre\n\nLYON-POLITIQUE-MAIRELe maire a parlé longtemps devant le conseil.\n")
    assert src.paragraphs[1].startswith("LYON-POLITIQUE-MAIRE")


def test_source_line_switched_off_is_text(tmp_path, rules_off):
    rules_off("ingest.source_line")
    src = source_from(tmp_path, "Titre\n\nTexte.\n\n(Source : Reuters)\n")
    assert src.publisher != "Reuters" and "(Source : Reuters)" in src.paragraphs


def test_breadcrumb_switched_off_keeps_the_rubric(tmp_path, rules_off):
    text = page("Culture - Europe", "Les ministres se retrouvent à Rome", LEAD, SECOND)
    assert source_from(tmp_path, text).title == "Les ministres se retrouvent à Rome"
    rules_off("ingest.breadcrumb")
    assert source_from(tmp_path, text).title == "Culture - Europe"


def test_reader_comments_switched_off_stay_in_the_text(tmp_path, rules_off):
    text = page("Le marché rouvre", LEAD, "Réagir (2)",
                "Lulu75 - 18/11/2018 à 14:02\nEnfin ! On l'attendait depuis longtemps.")
    assert not any("Enfin" in p for p in source_from(tmp_path, text).paragraphs)
    rules_off("ingest.reader_comments")
    assert any("Enfin" in p for p in source_from(tmp_path, text).paragraphs)
