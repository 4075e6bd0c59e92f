"""The browser's ▶ Play player (lstm_ui.player) seen through AppTest: the frames the page sent
and a press of one of its buttons, as the browser would send it."""

import json

from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX
from streamlit.testing.v1 import AppTest

from lstm_viz.frames import unpack


def player_elements(at: AppTest) -> dict[str, dict]:
    """The player's instances on the page, by key, each as the data it was sent."""
    out = {}
    for element in at.get("bidi_component"):
        if element.proto.component_name == "lgl_player":
            key = element.proto.id.rsplit("-", 1)[-1]
            out[key] = json.loads(element.proto.json)
    return out


def frames(at: AppTest, key: str) -> list[str]:
    """Every frame of the player's view `key`, as the browser shows them: those it was sent
    with (a long play's first ones), then those of the player's store sent for it, if any."""
    elements = player_elements(at)
    first = sent_frames(at, key)
    shown = [unpack(first, i) for i in range(len(first["frames"]))]
    name, store = elements[key].get("name"), elements[key].get("store")
    if store is not None:
        (rest,) = [
            e["views"] for e in elements.values() if e.get("store") == store and "views" in e
        ]
        shown += [unpack(rest[name], i, first["parts"]) for i in range(len(rest[name]["frames"]))]
    return shown


def sent_frames(at: AppTest, key: str) -> dict:
    """The frames the player's view `key` was sent with (packed)."""
    return player_elements(at)[key]["frames"]


def press(at: AppTest, key: str, action: str, frame, play: str | None = None) -> AppTest:
    """Rerun as the browser does when the player's button `key` reports `action` at `frame` of
    play `play` (by default the play the page shows now)."""
    (element,) = [e for e in at.get("bidi_component") if e.proto.id.endswith(f"-{key}")]
    if play is None:
        play = json.loads(element.proto.json)["play"]
    states = WidgetStates()
    states.CopyFrom(at._tree.get_widget_states())
    trigger = states.widgets.add()
    trigger.id = f"{STREAMLIT_INTERNAL_KEY_PREFIX}_{element.proto.id}__events"
    trigger.json_trigger_value = json.dumps(
        [{"event": "press", "value": {"action": action, "frame": frame, "play": play}}]
    )
    return at._run(widget_state=states)
