"""▶ Play in the browser: the frames of every view are sent once, when Play is pressed, and the
browser shows them one after another without asking the server (DESIGN.md: animation happens in
the browser, not by rerunning the script per frame).

One Streamlit component (st.components.v2) with two kinds of instance, all of one play sharing a
clock in the page (window.lglPlayer):

- `view(frames, key=…)`: shows frame i of a view (lstm_viz.frames.pack: the step's diagram, a
  cursor over a chart, a sentence, a heading, the table) where the page shows that view when
  paused;
- `button(label, action, …)`: one of ◀, ‖ Pause, ▶ in place of the page's own buttons. A press
  (or its keyboard shortcut) stops the clock and tells the server which play and frame were
  shown (`on_press`, with {"action", "frame", "play"}); the Pause button's instance also runs
  the clock, one frame every 1/fps seconds, and after the last frame tells the server "end";
- `store(views, …)`: the rest of the frames of every view, sent after the page's last element,
  so that a long play starts at once: each view is sent with the frames of the play's first
  steps and takes the others from the store when it arrives. The clock does not go past a
  frame that some view does not have yet.

Each play has its own id (`play`): a press from a play the server has since replaced (◀ twice
in a row, the end of a play just left) is the server's to ignore.

Every number in a frame was computed by the NumPy core on the server; the browser only swaps
HTML the server wrote.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

JS = """
// The play the page shows now (data.play: a new one for each Play, and for ◀ ▶ while playing),
// the frame it shows, its clock, and the views drawing it.
const player = (window.lglPlayer ||= {
  play: null, index: 0, timer: null, views: new Map(), focused: null, store: null,
});

// A view's frames: the play's first ones, which it was sent with, then the rest of them from
// the store sent for it (its id is the view's data.store) once that has arrived.
const restOf = (data) =>
  (data.store && player.store?.id === data.store && player.store.views[data.name]) || null;
const countOf = (data) => data.frames.frames.length + (restOf(data)?.frames.length ?? 0);
const frameOf = (data, i) => {  // the rest are packed against the first frames' template
  const first = data.frames.frames.length;
  if (i < first) return frameAt(data.frames, i);
  return frameAt({ parts: data.frames.parts, ...restOf(data) }, i - first);
};

const drawAll = (play) => {  // every view of this play at the frame shown
  for (const view of player.views.values()) if (view.play === play) view.draw(player.index);
};

function frameAt(packed, i) {  // lstm_viz.frames.unpack
  const frame = packed.frames[Math.min(i, packed.frames.length - 1)];
  if (typeof frame === 'string') return frame;
  const parts = packed.parts.slice();
  packed.slots.forEach((k, j) => { parts[k] = frame[j]; });
  return parts.join('');
}

const typing = (target) =>
  target instanceof Element && target.closest('input, textarea, select, [contenteditable]');

function giveFocusTo(selector) {  // the page's button, once Streamlit has drawn it (≤ 3 s)
  const until = performance.now() + 3000;
  const look = () => {
    const button = [...document.querySelectorAll(selector)].find((b) => b.offsetParent);
    if (button) button.focus({ preventScroll: true });
    else if (performance.now() < until) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

export default function ({ parentElement, data, setTriggerValue, key }) {
  parentElement.lglCleanup?.();
  if (player.play !== data.play) {  // a new play: from its first frame
    player.play = data.play;
    player.index = 0;
  }
  const cleanups = [];
  // A press says which play and frame it saw, and stops that play's clock: the picture stays
  // at the frame the server is told of until the server answers.
  const press = (action) => {
    if (player.play === data.play) clearInterval(player.timer);
    setTriggerValue('press', { action, frame: player.index, play: data.play });
  };
  if (data.frames) {
    const box = parentElement.querySelector('.lgl-play-view')
      || parentElement.appendChild(document.createElement('div'));
    box.className = `lgl-play-view ${data.class || ''}`;
    if (data.level) {  // a heading, as st.subheader's is to a screen reader
      box.setAttribute('role', 'heading');
      box.setAttribute('aria-level', data.level);
    }
    // -1: nothing shown; -2: a frame of this play, drawn before this data came
    let shown = box.dataset.play === data.play && box.innerHTML ? -2 : -1;
    box.dataset.play = data.play;
    const draw = (i) => {  // frame i; if it is not here yet, what is shown, or the last one here
      const have = Math.min(i, countOf(data) - 1);
      if (have !== shown && (have === i || shown === -1)) {
        box.innerHTML = frameOf(data, have);
        shown = have;
      }
    };
    player.views.set(key, { play: data.play, draw, count: () => countOf(data) });
    draw(player.play === data.play ? player.index : 0);
    cleanups.push(() => player.views.delete(key));
  }
  if (data.views) {  // the store: the rest of the frames of every view of this play
    player.store = { id: data.store, views: data.views };
    drawAll(data.play);
  }
  if (data.label) {
    const button = parentElement.querySelector('button')
      || parentElement.appendChild(document.createElement('button'));
    button.className = 'lgl-play-button';
    button.dataset.action = data.action;
    button.type = 'button';
    button.textContent = data.label;
    if (data.kbd) {
      const hint = button.appendChild(document.createElement('kbd'));
      hint.textContent = data.kbd;
      hint.setAttribute('aria-label', data.kbd_label);
    }
    if (data.help) button.title = data.help;
    button.onclick = () => press(data.action);
    // Whether it has the focus, as the page last knew: until the focus goes to another element
    // (not when Streamlit hides or removes the button), so that the page's own button takes it
    // back when the player is gone (Pause, the end, a failure): a keyboard user stays in place.
    button.onfocus = () => { button.lglFocused = true; };
    button.onblur = (event) => { if (event.relatedTarget) button.lglFocused = false; };
    if (document.activeElement === button) button.lglFocused = true;
    // The page's Play button had the focus and is gone, or still there on its way out (hidden
    // until the run ends): the player's Pause takes it, once per play (its instance runs again
    // on every rerun while playing).
    if (data.fps && player.focused !== data.play) {
      player.focused = data.play;
      const active = document.activeElement;
      const leaving = data.focus_after && active?.matches(data.focus_after);
      if (!active || active === document.body || leaving) button.focus({ preventScroll: true });
    }
    cleanups.push(() => {  // gone (Streamlit removed it before this runs), or drawn again
      if (!button.isConnected && button.lglFocused && data.focus_after) {
        giveFocusTo(data.focus_after);
      }
    });
    const onKey = (event) => {
      const named = (event.key || '').toLowerCase() === data.key.toLowerCase();  // Caps Lock
      const other = event.ctrlKey || event.metaKey || event.altKey;
      if (event.shiftKey && named && !other && !event.repeat && !typing(event.target)) {
        event.preventDefault();
        press(data.action);
      }
    };
    if (data.key) {
      document.addEventListener('keydown', onKey);
      cleanups.push(() => document.removeEventListener('keydown', onKey));
    }
  }
  if (data.fps) {  // the clock: a frame every 1/fps s; past the last one, the end
    clearInterval(player.timer);
    const last = data.frames_count - 1;
    const ready = (i) =>  // every view of this play has frame i (the store may be on its way)
      [...player.views.values()].every((view) => view.play !== data.play || view.count() > i);
    const timer = setInterval(() => {
      if (player.play !== data.play) {  // a newer play's data arrived first
        clearInterval(timer);
        return;
      }
      if (player.index < last && ready(player.index + 1)) {
        player.index += 1;
        drawAll(data.play);
      }
      if (player.index >= last) press('end');
    }, 1000 / data.fps);
    player.timer = timer;
    cleanups.push(() => clearInterval(timer));  // its own: a newer clock may run already
  }
  parentElement.lglCleanup = () => cleanups.splice(0).forEach((done) => done());
  return parentElement.lglCleanup;
}
"""

# Streamlit 1.67's secondary button (measured in Chromium), so that nothing changes but the
# label when Play starts.
CSS = """
.lgl-play-button {
  display: inline-flex; align-items: center; justify-content: center; gap: 0.5rem;
  width: 100%; min-height: 2.5rem; padding: 0.25rem 0.75rem; margin: 0;
  border: 1px solid rgba(47, 45, 43, 0.2); border-radius: 0.5rem;
  background: #ffffff; color: inherit; font: inherit; line-height: 1.6; cursor: pointer;
}
.lgl-play-button:hover { border-color: #185f9b; color: #185f9b; }
.lgl-play-button:focus-visible { outline: 2px solid #185f9b; outline-offset: 2px; }
.lgl-play-button kbd { font: inherit; font-size: 0.875rem; color: #3d3d3d; }
.lgl-play-heading {
  font-size: 1.75rem; font-weight: 600; line-height: 1.2; letter-spacing: -0.005em;
  padding: 0.75rem 0 1rem; margin: 0 0 -1rem;  /* st.subheader's box: 46 px for one line */
}
.lgl-play-caption { font-size: 0.875rem; line-height: 1.6; opacity: 0.8; }
/* a chart's sentence as Streamlit's Markdown draws the same <p> when paused */
.lgl-play-view p { font-size: 1rem; line-height: 1.6; margin: 0 0 -0.75rem; }  /* its box: -1rem */
.lgl-play-table { border-collapse: collapse; font-size: 0.875rem; }
/* as tall as st.dataframe, which the table stands in for: 35 px rows, at most 400 px, scrolled */
.lgl-play-table th, .lgl-play-table td {
  height: 35px; box-sizing: border-box; white-space: nowrap;
  border: 1px solid rgba(47, 45, 43, 0.1); padding: 0 0.5rem; text-align: right;
}
.lgl-play-table th { font-weight: 400; color: rgba(47, 45, 43, 0.6); background: #ffffff; }
.lgl-play-table thead th { position: sticky; top: 0; }
.lgl-play-view.lgl-play-scroll { overflow: auto; max-height: 400px; }
/* the store draws nothing, and takes no place in the page's column (no gap: nor its wrapper) */
div[class*="st-key-lgl_store_"],
[data-testid="stLayoutWrapper"]:has(> div[class*="st-key-lgl_store_"]) { display: none; }
@media (max-width: 640px) { .lgl-play-button kbd { display: none; } }
"""

_player = st.components.v2.component("lgl_player", html="", css=CSS, js=JS, isolate_styles=False)


def view(
    frames: dict,
    *,
    key: str,
    play: str,
    css_class: str = "",
    level: int | None = None,
    container=None,
    stored: tuple[str, str] | None = None,
) -> None:
    """Frame i of `frames` (lstm_viz.frames.pack) while play `play` shows frame i, where the
    page shows this view when paused; `css_class` styles it (lgl-play-heading, -caption, …);
    with `level`, it is a heading of that level. With `stored` = (store id, name): `frames`
    are the play's first ones, and the frames `name` of the store of that id follow them."""
    data = {"play": play, "frames": frames, "class": css_class}
    if level is not None:
        data["level"] = level
    if stored is not None:
        data["store"], data["name"] = stored
    _mount(container, key=key, data=data)


def store(views: dict[str, dict], *, key: str, play: str, store_id: str) -> None:
    """The rest of the frames of the views of play `play`, by name (each lstm_viz.frames.pack),
    for the views sent with `stored=(store_id, name)`. Call it after the page's last element:
    the views play their first frames while these are made and sent. It draws nothing and
    takes no place (in a container keyed "lgl_store_…", which the player's CSS hides)."""
    with st.container(key=f"lgl_store_{key}"):
        _player(key=key, data={"play": play, "store": store_id, "views": views})


def button(
    label: str,
    action: str,
    *,
    key: str,
    play: str,
    on_press: Callable[[], None],
    shortcut: str | None = None,
    help: str | None = None,
    fps: int | None = None,
    frames_count: int = 0,
    focus_after: str | None = None,
    container=None,
) -> None:
    """A button standing in for the page's own while playing. Pressed (or its `shortcut`, in
    st.button's form "Shift+Left", with the hint Streamlit shows: "Shift + ←"), it reruns the
    page with {"action": action, "frame": the frame shown, "play": play} in the component's state
    (`on_press` runs first, like a button's on_click). With `fps`, this instance runs play
    `play`'s clock over `frames_count` frames and reports {"action": "end"} at the last. With
    `focus_after` (a CSS selector of the page's button it stands in for): gone while it had the
    focus (after a press, the end, a failure), it gives the focus to that button when the page
    draws it again; the clock's button also takes the focus when a play starts and nothing has
    it, or that button has it (the page's ▶ Play, pressed, is gone or on its way out)."""
    data = {"play": play, "label": label, "action": action, "help": help}
    if focus_after is not None:
        data["focus_after"] = focus_after
    if shortcut is not None:
        name, hint = key_of(shortcut)
        data.update(key=name, kbd=hint, kbd_label=f"Shortcut {hint}")
    if fps is not None:
        data.update(fps=fps, frames_count=frames_count)
    _mount(container, key=key, data=data, on_press_change=on_press)


# The keys st.button's shortcuts use here: their KeyboardEvent.key with Shift held, and the hint
# Streamlit shows for them.
KEYS = {"Left": ("ArrowLeft", "←"), "Right": ("ArrowRight", "→"), "P": ("P", "P")}


def key_of(shortcut: str) -> tuple[str, str]:
    """A shortcut "Shift+<key>" (st.button's form) as (KeyboardEvent.key, its hint)."""
    modifier, _, name = shortcut.partition("+")
    if modifier != "Shift" or name not in KEYS:
        raise ValueError(f"not a Shift shortcut the player knows: {shortcut!r}")
    event_key, shown = KEYS[name]
    return event_key, f"Shift + {shown}"


def _mount(container, **kwargs) -> None:
    if container is None:
        _player(**kwargs)
        return
    with container:
        _player(**kwargs)


def pressed(key: str) -> dict | None:
    """What a button of `key` reported in this run ({"action", "frame", "play"}), or None."""
    state = st.session_state.get(key)
    value = None if state is None else getattr(state, "press", None)
    return value if isinstance(value, dict) else None
