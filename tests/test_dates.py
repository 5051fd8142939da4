import pytest

from sitegen.dates import human_date, month_key, sort_key


@pytest.mark.parametrize("value, text", [
    ("2015-11-19", "19 novembre 2015"),
    ("2015-12-01", "1er décembre 2015"),
    ("2015-11", "novembre 2015"),
    ("2014-SP", "printemps 2014"),
    ("2015", "2015"),
    ("2015-12-18/2015-12-23", "du 18 au 23 décembre 2015"),
    ("2015-11-30/2015-12-02", "du 30 novembre au 2 décembre 2015"),
])
def test_dates_read_as_a_person_writes_them(value, text):
    assert human_date(value) == text


def test_chronological_order_across_precisions():
    values = ["2015-12-18/2015-12-23", "2015-11", "2014-SP", "2015-11-19", "2015"]
    assert sorted(values, key=sort_key) == ["2014-SP", "2015", "2015-11", "2015-11-19", "2015-12-18/2015-12-23"]
    assert month_key("2015-12-18/2015-12-23") == "2015-12"
    assert month_key("2015") == "2015"


def test_a_part_of_a_month_is_written_as_such():
    assert human_date("2015-10", mod="END") == "fin octobre 2015"
    assert human_date("2015-12", mod="START") == "début décembre 2015"
    assert human_date("2015-02", mod="MID") == "mi-février 2015"


def test_bounds_of_every_precision():
    import datetime as dt

    from sitegen.dates import bounds
    d = dt.date
    assert bounds("2021-02") == (d(2021, 2, 1), d(2021, 2, 28))
    assert bounds("2023-WI") == (d(2023, 12, 1), d(2024, 2, 29))
    assert bounds("2021-W10") == (d(2021, 3, 8), d(2021, 3, 14))
    assert bounds("2021-W10-WE") == (d(2021, 3, 13), d(2021, 3, 14))
    assert bounds("2021-03-02/2021-04") == (d(2021, 3, 2), d(2021, 4, 30))
    assert bounds("bientôt") is None


@pytest.mark.parametrize("value, date, precision", [
    ("2015-11-19", "2015-11-19", "day"), ("2015-11", "2015-11", "month"), (2015, "2015", "year"),
    ("2014-WI", "2014-WI", "season"), ("2015-12-18/2015-12-23", "2015-12-18/2015-12-23", "range"),
    (" 2016-02-29 ", "2016-02-29", "day"),
])
def test_a_date_a_person_writes_is_read_with_its_precision(value, date, precision):
    from sitegen.dates import parse_date
    assert parse_date(value) == (date, precision)


@pytest.mark.parametrize("value, says", [
    ("2015-02-31", "is not a date of the calendar"), ("2015-13", "is not a date of the calendar"),
    ("2015-02-29", "is not a date of the calendar"), ("0000", "years 1000 to 2999"),
    ("9999-12-31", "years 1000 to 2999"), ("0999-SP", "years 1000 to 2999"),
    ("2015-12-23/2015-12-18", "ends before it starts"), ("2015-12-18/2016", "is not a date"),
    ("demain", "is not a date"), (None, "empty is not a date"), (True, "is not a date"),
    (["2015"], "is not a date"), ("٢٠١٥", "is not a date"),
])
def test_a_date_that_is_none_is_refused_saying_why(value, says):
    from sitegen.dates import parse_date
    with pytest.raises(ValueError, match=says):
        parse_date(value)


@pytest.mark.parametrize("value", ["2015-02-31", "2015-13", "0000", "0000-WI", "9999", "9999-12", "9999-12-31",
                                   "9999-WI", "9999-W52", "2015-W60", "2015-02-31/2015-03-01", "0001-01-01"])
def test_no_written_date_makes_the_date_functions_raise(value):
    """Reading what a page holds never raises: what is no date, or out of range, has
    no bounds (nothing can overflow computing from them), and no day of the calendar
    is shown as written."""
    from sitegen.dates import bounds, chronology_date, datetime_attr
    assert bounds(value) is None
    assert chronology_date(value) is None
    assert isinstance(human_date(value), str)
    if value in ("2015-02-31", "2015-13", "9999-12-31"):
        assert human_date(value) == value
    assert sort_key(value) and month_key(value) is not None and datetime_attr(value) is not None


def test_a_rough_date_or_a_decade_is_no_date_of_the_chronology():
    from sitegen.dates import chronology_date
    assert chronology_date("2015-11-09", "APPROX") is None       # "il y a une dizaine de jours"
    assert chronology_date("196X") is None and chronology_date("18XX", "END") is None
    assert chronology_date("PRESENT_REF") is None
    assert chronology_date("2015-11-09") == ("2015-11-09", "day")
