"""content/curation.yaml: the editor's corrections win over extraction."""
import pytest

from sitegen.curation import apply_curation, load_curation
from sitegen.model import Actor, Chronology, Event, EventReport, InputError, Quote, Sentence


def chronology():
    actors = [Actor("anne-roy", "Anne Roy", "person", ["Mme Roy"], ["a"]),
              Actor("a-roy", "A. Roy", "person", [], ["b"]),
              Actor("mairie", "Mairie", "organization", [], ["a"])]
    events = [Event("e1", "2021-03-02", "day", "Rencontre", "meeting", ["anne-roy"], None,
                    [EventReport("a", "p1s1", "Anne Roy a reçu ...", "hier")]),
              Event("e2", "2021-03-02", "day", "Rencontre bis", "meeting", ["a-roy"], None,
                    [EventReport("b", "p1s1", "A. Roy a reçu ...", None)])]
    sent = Sentence("b", 1, 0, 0, 10, "x")
    quotes = [Quote(sent, "oui", None, "a-roy", "e2")]
    return Chronology([], {}, actors, events, quotes)


def write(tmp_path, text):
    (tmp_path / "curation.yaml").write_text(text, encoding="utf-8")
    return load_curation(tmp_path)


def test_merge_rename_alias_date_title_hide(tmp_path):
    data, shown = write(tmp_path, """
actors:
  merge: [[anne-roy, a-roy]]
  rename: {anne-roy: Anne Roy-Martin}
  aliases: {mairie: [Hôtel de ville]}
events:
  merge: [[e1, e2]]
  date: {e1: "2021-03-01/2021-03-02"}
  title: {e1: Rencontre à la mairie}
""")
    chron = chronology()
    assert apply_curation(chron, data, shown) == []
    actors = {a.id: a for a in chron.actors}
    assert set(actors) == {"anne-roy", "mairie"}
    assert actors["anne-roy"].name == "Anne Roy-Martin"
    assert {"A. Roy", "Anne Roy", "Mme Roy"} <= set(actors["anne-roy"].aliases)
    assert "Hôtel de ville" in actors["mairie"].aliases
    [event] = chron.events
    assert (event.date, event.precision, event.title) == ("2021-03-01/2021-03-02", "range", "Rencontre à la mairie")
    assert [r.source for r in event.reports] == ["a", "b"]
    assert chron.quotes[0].speaker_id == "anne-roy" and chron.quotes[0].event_id == "e1"


def test_hide_an_event_and_an_actor(tmp_path):
    data, shown = write(tmp_path, "events:\n  hide: [e2]\nactors:\n  hide: [mairie]\n")
    chron = chronology()
    apply_curation(chron, data, shown)
    assert [e.id for e in chron.events] == ["e1"]
    assert "mairie" not in {a.id for a in chron.actors}


def test_entries_that_refer_to_nothing_are_warnings(tmp_path):
    data, shown = write(tmp_path, "events:\n  hide: [nope]\n  date: {e9: '2021-03-01'}\nactors:\n  type: {nobody: group}\n")
    warnings = apply_curation(chronology(), data, shown)
    assert any("events.hide: 'nope' refers to no event" in w for w in warnings)
    assert any("events.date: 'e9' refers to no event" in w for w in warnings)
    assert any("actors.type: 'nobody' refers to no actor" in w for w in warnings)


def test_unknown_keys_and_broken_yaml_are_errors(tmp_path):
    with pytest.raises(InputError, match=r"curation.yaml: unknown key events.delete"):
        write(tmp_path, "events:\n  delete: [e1]\n")
    with pytest.raises(InputError, match=r"curation.yaml:\d+: not valid YAML"):
        write(tmp_path, "events: [unclosed\n")


def test_no_curation_file_is_no_curation(tmp_path):
    assert load_curation(tmp_path)[0] == {}


@pytest.mark.parametrize("text, says", [
    ("actors:\n  type: {anne-roy: [person]}\n", r"actors\.type\.anne-roy: must be an actor type \(group, .*\), not \['person'\]"),
    ("actors:\n  type: {anne-roy: {a: 1}}\n", r"actors\.type\.anne-roy: must be an actor type"),
    ("actors:\n  type: {anne-roy: alien}\n", r"actors\.type\.anne-roy: must be an actor type .*, not 'alien'"),
    ("actors:\n  rename: {anne-roy: null}\n", r"actors\.rename\.anne-roy: must be a name \(a text\), not empty"),
    ("actors:\n  rename: {anne-roy: [A, B]}\n", r"actors\.rename\.anne-roy: must be a name"),
    ("actors:\n  aliases: {anne-roy: [Roy, null]}\n", r"actors\.aliases\.anne-roy: must be a name"),
    ("actors:\n  hide: [{a: 1}]\n", r"actors\.hide: must be an id"),
    ("actors:\n  merge: [anne-roy, a-roy]\n", r"actors\.merge: must be a list of ids"),
    ("actors:\n  merge: [[anne-roy, [a-roy]]]\n", r"actors\.merge: must be an id"),
    ("events:\n  title: {e1: ~}\n", r"events\.title\.e1: must be a title \(a text\), not empty"),
    ("events:\n  date: {e1: demain}\n", r"events\.date\.e1: 'demain' is not a date"),
    ("events:\n  date: {e1: 2015-02-31}\n", r"events\.date\.e1: '2015-02-31' is not a date of the calendar"),
    ("events:\n  date: {e1: '9999-12-31'}\n", r"events\.date\.e1: '9999-12-31' is out of range \(years 1000 to 2999"),
    ("events:\n  date: {e1: [2015]}\n", r"events\.date\.e1: \[2015\] is not a date"),
    ("flags:\n  reviewed: [[anne-roy]]\n", r"flags\.reviewed: must be an id"),
])
def test_values_of_the_wrong_kind_are_errors_naming_file_and_key(tmp_path, text, says):
    with pytest.raises(InputError, match=r"^" + tmp_path.name + r"/curation\.yaml: " + says):
        write(tmp_path, text)


def test_numbers_are_names_and_ids_and_empty_keys_are_nothing(tmp_path):
    data, shown = write(tmp_path, "actors:\n  rename: {anne-roy: 1984}\n  hide:\nevents:\n  date: {e1: 2015}\nflags:\n")
    chron = chronology()
    assert apply_curation(chron, data, shown) == []
    assert {a.id: a.name for a in chron.actors}["anne-roy"] == "1984"
    assert {e.id: (e.date, e.precision) for e in chron.events}["e1"] == ("2015", "year")
