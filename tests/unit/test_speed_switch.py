"""The one speed switch (casebook.speed.switch): what `parallel: auto | off`, the other plugins'
page events and the threads already running let a build do, and the one line it logs about it."""

from __future__ import annotations

import pytest

from casebook.speed.switch import OFF, Handler, Speed, decide_speed


def test_the_switch_off_keeps_everything_in_one_process(monkeypatch):
    monkeypatch.setattr("casebook.speed.switch._cores", lambda: 4)
    monkeypatch.setenv("CASEBOOK_PARALLEL_FROM", "2")
    off = decide_speed(OFF, [])
    assert (off.shares(1000), off.renders_ahead(1000), off.stamp_briefings) == (1, False, False)
    auto = decide_speed("auto", [])
    assert (auto.shares(1000), auto.renders_ahead(1000), auto.stamp_briefings, auto.stepped_aside) == (4, True, True, "")
    assert auto.shares(1) == 1  # below the threshold


def test_threads_running_when_the_build_starts_keep_it_in_one_process(monkeypatch):
    monkeypatch.setenv("CASEBOOK_PARALLEL_FROM", "2")
    monkeypatch.setattr("casebook.speed.switch._cores", lambda: 2)
    rebuild = decide_speed("auto", [], threads=("livereload", "watchdog"))
    assert rebuild.shares(1000) == 1 and not rebuild.renders_ahead(1000) and rebuild.stamp_briefings
    assert rebuild.held_back(1000) == ("this build does all its work in one process: 2 other threads are running "
                                       "(a preview server's, when mkdocs serve rebuilds), and a forked copy would "
                                       "inherit their locks without them")
    assert rebuild.held_back(1) == ""  # too small to fork anyway: nothing to say
    assert Speed().held_back(1000) == ""


def test_other_page_handlers_make_the_tricks_they_would_bypass_step_aside():
    # An on_page_markdown handler would see the empty pages rendered ahead, and no stamped briefing.
    glossary = decide_speed("auto", [Handler("glossary", "page_markdown")])
    assert not glossary.render_ahead and not glossary.stamp_briefings
    assert glossary.stepped_aside == ("rendering review pages ahead and stamped review briefings step aside, so that "
                                      "other plugins see every page: 'glossary' handles on_page_markdown")
    # Handling finished pages bypasses only the stamped briefings.
    privacy = decide_speed("auto", [Handler("privacy", "post_page", -50), Handler("privacy", "page_context")])
    assert privacy.render_ahead and not privacy.stamp_briefings
    assert privacy.stepped_aside == ("stamped review briefings step aside, so that other plugins see every page: "
                                     "'privacy' handles on_post_page, on_page_context")
    # An on_page_content handler after Casebook's own sees the page rendered ahead in its place.
    after = decide_speed("auto", [Handler("late", "page_content", 0)])
    before = decide_speed("auto", [Handler("early", "page_content", 100)])
    assert after.render_ahead and not after.stamp_briefings
    assert not before.render_ahead and not before.stamp_briefings
    # Events no trick bypasses leave both alone.
    quiet = decide_speed("auto", [Handler("redirects", "post_build"), Handler("tags", "env")])
    assert quiet.render_ahead and quiet.stamp_briefings and quiet.stepped_aside == ""


def test_a_setting_that_is_not_auto_or_off_is_refused():
    with pytest.raises(ValueError, match="auto or off, not 'sometimes'"):
        decide_speed("sometimes", [])
