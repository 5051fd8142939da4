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
