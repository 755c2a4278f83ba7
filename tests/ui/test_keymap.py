"""The reader's keymap file rebinds any key by its binding id; help shows the keys as they are; a bad file is said."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.ui.app import BriefingApp, create_app
from briefing.ui.keymap import binding_homes, bindings_by_id, load_keymap
from briefing.ui.places import View
from briefing.ui.screens.help import help_sections
from briefing.ui.textual_compat import notifications
from tests.factories import make_library_dir
from tests.ui.helpers import loaded, settle, workspace_for


@pytest.fixture(autouse=True)
def _no_config_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)


def _app(tmp_path: Path, keymap: str | None) -> BriefingApp:
    data = tmp_path / "data"
    if keymap is not None:
        data.mkdir(parents=True, exist_ok=True)
        (data / "keys.toml").write_text(keymap, encoding="utf-8")
    workspace = workspace_for(make_library_dir(tmp_path / "lib"), data)
    workspace.config_dir = data
    return create_app(workspace)


def _notices(app: BriefingApp) -> list[str]:
    return [n.message for n in notifications(app)]


async def test_a_rebound_key_works_the_old_one_does_not_and_help_says_so(tmp_path: Path) -> None:
    app = _app(tmp_path, '[keys]\ntimeline = "T"\n"motion.down" = "ctrl+n"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        place = browser.place
        await pilot.press("t")
        await settle(pilot)
        assert browser.place == place, "t is no longer the timeline's"
        await pilot.press("T")
        await settle(pilot)
        assert browser.place is not None and browser.place.view is View.TIMELINE
        sections = dict(help_sections(app))
        browsing = dict(sections["Browsing"])
        assert browsing.get("T", "").endswith("(your keymap)"), browsing
        assert "t" not in browsing
        anywhere = dict(sections["Anywhere"])
        assert "keys.toml" in anywhere and str(tmp_path / "data" / "keys.toml") in anywhere["keys.toml"]
        moving = dict(sections["Moving around"])
        assert any("^n" in keys.split(" / ") for keys in moving), moving


@pytest.mark.parametrize(
    ("keymap", "said"),
    [
        ('[keys]\ntimeline = "T\n', "is not valid TOML"),
        ('[keys]\ntimelime = "T"\n', "did you mean 'timeline'?"),
        ('[keys]\ntimeline = "two words"\n', "is not a key name"),
    ],
)
async def test_a_bad_keymap_is_said_once_naming_the_file_and_the_usual_keys_work(
    tmp_path: Path, keymap: str, said: str
) -> None:
    app = _app(tmp_path, keymap)
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await loaded(pilot)
        said_lines = [n for n in _notices(app) if n.startswith("Keymap ")]
        assert len(said_lines) == 1 and said in said_lines[0] and "keys.toml" in said_lines[0], said_lines
        await pilot.press("t")
        await settle(pilot)
        assert browser.place is not None and browser.place.view is View.TIMELINE


def test_every_key_a_reader_sees_in_help_can_be_rebound() -> None:
    """A binding with words in the help but no id could not be named in keys.toml."""
    from briefing.ui.app import BriefingApp as App

    ids = bindings_by_id([App, *binding_homes()])
    assert {"search", "timeline", "next_hit", "motion.down", "timeline.zoom", "list.sort", "copy"} <= set(ids)


def test_good_entries_apply_beside_a_bad_one(tmp_path: Path) -> None:
    from briefing.ui.app import BriefingApp as App

    path = tmp_path / "keys.toml"
    path.write_text('[keys]\ntimeline = "T"\nnope = "x"\n', encoding="utf-8")
    keymap = load_keymap(path, bindings_by_id([App, *binding_homes()]))
    assert keymap.keys == {"timeline": "T"}
    assert keymap.notice is not None and "the other keys apply" in keymap.notice


def test_every_class_of_ours_that_declares_bindings_is_a_home_of_keys() -> None:
    """A widget left out of ``binding_homes`` has keys that ``briefing keys``, help and keys.toml never hear of."""
    import importlib
    import pkgutil

    from textual.dom import DOMNode

    import briefing.ui

    for module in pkgutil.walk_packages(briefing.ui.__path__, "briefing.ui."):
        importlib.import_module(module.name)
    homes = set(binding_homes())
    declaring = set()
    pending = list(DOMNode.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("briefing.ui.") and "BINDINGS" in vars(cls) and cls.BINDINGS:
            declaring.add(cls)
    from briefing.ui.app import BriefingApp

    def reached(cls: type) -> bool:  # a base's keys are its subclasses' (LineTable's are EntryTable's)
        return cls in homes or any(reached(sub) for sub in cls.__subclasses__())

    missing = {c.__qualname__ for c in declaring - {BriefingApp} if not reached(c)}
    assert not missing, f"add to briefing.ui.keymap.binding_homes: {sorted(missing)}"
