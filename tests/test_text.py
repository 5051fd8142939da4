from sitegen.text import fold, for_model, shorten, slugify, unique_slug


def test_fold_ignores_case_accents_and_punctuation():
    assert fold("Valéri Guérassimov") == fold("VALERI GUERASSIMOV") == "valeri guerassimov"
    assert fold("l’État") == fold("l'Etat")


def test_for_model_keeps_offsets():
    text = "l’entretien\u00a0« ici »"
    assert len(for_model(text)) == len(text)
    assert for_model(text) == "l'entretien « ici »"


def test_slugs_are_safe_and_unique():
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("") == "x"
    assert [slugify(n) for n in ("CON", "nul", "Com1", "LPT9", "Conseil")] == ["con-x", "nul-x", "com1-x", "lpt9-x",
                                                                          "conseil"]
    assert len(slugify("mot " * 50)) <= 60
    taken: set[str] = set()
    assert [unique_slug("a", taken) for _ in range(3)] == ["a", "a-2", "a-3"]


def test_shorten_cuts_at_a_word():
    assert shorten("un deux trois quatre", 10) == "un deux…"
    assert shorten("court", 10) == "court"


def test_names_that_differ_only_by_accents_do_not_collide_silently():
    taken: set[str] = set()
    a = unique_slug(slugify("Hélène Lefèvre"), taken)
    b = unique_slug(slugify("Helene Lefevre"), taken)
    assert a != b and {a, b} == {"helene-lefevre", "helene-lefevre-2"}


def test_slugs_never_leave_their_folder():
    for name in ["../../etc/passwd", "/etc/passwd", "..", ".", "C:\\\\Windows", "a/b/c", "\x00nul", "x" * 500]:
        slug = slugify(name)
        assert "/" not in slug and "\\\\" not in slug and slug not in ("", ".", "..") and len(slug) <= 60
