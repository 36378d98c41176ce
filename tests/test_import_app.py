"""The Import page through the whole app (app.py routes to it by default), as a user clicks it."""

from __future__ import annotations

from core.ingest.importer import load_paths
from tests.conftest import FIXTURES
from ui import state
from ui.state import SAMPLE_PATH

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def upload(at, *names: str):
    uploader = at.file_uploader[0]
    for name in names:
        uploader.upload(name, (FIXTURES / name).read_bytes(), XLSX if name.endswith("xlsx") else "text/csv")
    return at.run()


def test_opens_on_the_sample_data(app):
    assert not app.exception
    sample = load_paths([SAMPLE_PATH])
    assert sample.stories and sample.praise
    assert metrics(app)["Stories"] == str(len(sample.stories))
    assert metrics(app)["Praise"] == str(len(sample.praise))
    assert any("sample data" in i.value for i in app.info)
    assert app.title[0].value == "Import"
    assert [b.label for b in app.get("download_button")] == ["Download the template (.xlsx)"]


def test_upload_shows_counts_and_the_bad_rows(app):
    at = upload(app, "libreoffice_wins.xlsx")
    assert not at.exception
    assert metrics(at) == {"Stories": "5", "Praise": "3", "Rows skipped": "2", "Rows read": "10"}
    assert any("2 row(s) were not loaded" in e.value for e in at.error)
    report = at.dataframe[0].value
    bad = report[report["severity"] == "error"]
    assert list(zip(bad["sheet"], bad["row"], bad["column"], strict=True)) == [
        ("My wins", 8, "Date"),
        ("Kudos", 4, "Kudos"),
    ]
    assert "sometime in spring" in bad["message"].iloc[0]
    stories = at.dataframe[1].value
    assert stories["title"].tolist()[:2] == ["Cut CI time", "Onboarded two juniors"]
    assert at.session_state[state.SOURCE] == "libreoffice_wins.xlsx"


def test_data_survives_a_page_switch(app):
    at = upload(app, "excel_windows_semicolon.csv")
    assert metrics(at)["Praise"] == "4"
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    assert len(at.session_state[state.DATASET].praise) == 4
    at.switch_page("pages/import_data.py").run()
    assert metrics(at)["Praise"] == "4" and metrics(at)["Stories"] == "0"
    praise = at.dataframe[-1].value
    assert praise["from"].tolist()[0] == "José Müller"


def test_each_unreadable_file_gets_one_error_and_the_rest_load(app):
    at = upload(app, "corrupt.xlsx", "empty.csv", "us_dates.tsv")
    assert metrics(at)["Praise"] == "3"
    file_errors = [e.value for e in at.error if "was not loaded" in e.value]
    assert len(file_errors) == 2
    assert "corrupt" in file_errors[0] and "damaged" in file_errors[0]
    assert "empty" in file_errors[1]


def test_new_upload_resets_choices_made_for_the_sample(app):
    app.session_state[state.OVERRIDES] = {"S1": ["Leadership"]}
    at = upload(app, "exported.xlsx")
    # The sample's choices are gone; the workbook's own Mapping sheet is taken instead.
    assert at.session_state[state.OVERRIDES] == {"S7": ["Technical excellence", "Ownership"], "P2": []}


def test_column_mapping_step_loads_the_file(app):
    at = upload(app, "needs_mapping.csv")
    assert metrics(at)["Stories"] == "0"
    assert any("couldn't tell which column" in w.value for w in at.warning)
    by_label = {s.label: s for s in at.selectbox}
    columns = ["(none)", "Day logged", "Thing I'm proud of", "Who noticed"]
    assert by_label["Date (required)"].options == columns
    by_label["Date (required)"].set_value("Day logged")
    by_label["Description (or challenge / action / result)"].set_value("Thing I'm proud of")
    at.run()
    next(b for b in at.button if b.label == "Load with these columns").click()
    at.run()
    assert not at.exception
    assert metrics(at)["Stories"] == "2"
    assert not [w for w in at.warning if "couldn't tell" in w.value]
    stories = at.session_state[state.DATASET].stories
    assert [s.description for s in stories] == ["Paired with QA on the release", "Fixed the flaky login test"]


def test_mapping_without_a_date_is_refused(app):
    at = upload(app, "needs_mapping.csv")
    by_label = {s.label: s for s in at.selectbox}
    by_label["Description (or challenge / action / result)"].set_value("Thing I'm proud of")
    at.run()
    next(b for b in at.button if b.label == "Load with these columns").click()
    at.run()
    assert any("Pick at least the date column" in e.value for e in at.error)
    assert metrics(at)["Stories"] == "0"


def test_use_the_sample_data_brings_the_sample_back(app):
    at = upload(app, "us_dates.tsv")
    assert metrics(at)["Stories"] == "0"
    at.segmented_control(key="import_example").set_value("engineering").run()
    assert at.session_state[state.SOURCE] == "sample"
    assert metrics(at)["Stories"] == str(len(load_paths([SAMPLE_PATH]).stories))
