"""CSV exports cannot smuggle formulas into a spreadsheet."""

import pytest

from zicht.core.spreadsheet import csv_rows, csv_safe


@pytest.mark.parametrize(
    "value", ['=HYPERLINK("http://x")', "+31 6 1234", "-2+3", "@SUM(A1)", "\tcmd"]
)
def test_cells_that_start_like_a_formula_are_shown_as_text(value):
    assert csv_safe(value) == "'" + value


def test_ordinary_cells_stay_as_they_are():
    assert csv_safe("Tarwewijk") == "Tarwewijk"
    assert csv_safe(None) == ""
    assert csv_safe(42) == "42"


def test_rows_stream_one_line_at_a_time_with_a_bom():
    lines = list(csv_rows(["a", "b"], [["=1+1", "x"]]))
    assert lines[0].startswith("\ufeff")
    assert lines[1] == "'=1+1,x\r\n"
