"""lstm_ui.frame: a run the legacy `pages/` runner started is recognised, even after another
session has already turned the legacy switch off (many sessions starting at once)."""

import pytest
from streamlit.runtime.pages_manager import PagesManager

from lstm_ui import frame


class Rerun(Exception):
    """Stands in for st.rerun (which needs a running script) in these tests."""


def rerun():
    raise Rerun


@pytest.fixture
def switch_off(monkeypatch):
    monkeypatch.setattr(frame.st, "rerun", rerun)
    saved = PagesManager.uses_pages_directory
    PagesManager.uses_pages_directory = False
    yield
    PagesManager.uses_pages_directory = saved


def test_a_plain_call_is_not_a_legacy_run(switch_off):
    assert frame.started_in_legacy_mode() is False
    frame.ensure_navigation_mode()  # no rerun: returns
    assert PagesManager.uses_pages_directory is False


def test_a_page_run_from_the_legacy_runner_reruns_even_with_the_switch_already_off(
    switch_off, monkeypatch
):
    seen = []

    def page():
        seen.append(frame.started_in_legacy_mode())
        frame.ensure_navigation_mode()

    def legacy_runner(main_script_path):
        page()

    # The stack holds the legacy runner's code object while the page runs.
    monkeypatch.setattr(frame, "LEGACY_RUNNER", legacy_runner.__code__)
    with pytest.raises(Rerun):
        legacy_runner("app.py")
    assert seen == [True]
    assert PagesManager.uses_pages_directory is False


def test_the_switch_still_on_reruns(switch_off):
    PagesManager.uses_pages_directory = True
    with pytest.raises(Rerun):
        frame.ensure_navigation_mode()
    assert PagesManager.uses_pages_directory is False
