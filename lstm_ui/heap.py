"""Keep Streamlit's garbage collection after every run cheap: move imported modules out of its way.

After each script run Streamlit calls `gc.collect(2)` (config `runner.postScriptGC`, on by
default). A full collection walks every object the cyclic collector tracks: with streamlit,
plotly, pandas and our modules imported that is ~120 000 objects and 70–100 ms on this 2-core
machine, for every rerun of every student, while holding the GIL, so no other session's script
and no websocket message moves meanwhile. That was the largest single cost of a rerun.

Almost all of those objects are module-level (functions, classes, plotly's validators) and live
as long as the process. `gc.freeze()` moves everything alive into a permanent generation that
collections skip; objects created later (sessions, figures, traces) are still collected as usual,
and frozen objects are still freed by reference counting. We freeze whenever new modules were
imported since the last time (the first runs of each page), after one collection so that no
garbage is frozen. What a session holds at such a moment is frozen too; when that session ends
it is freed by reference counting, except for reference cycles, which then stay: a bounded
amount, since freezes stop once every page has been opened.
"""

import gc
import sys

_modules_at_last_freeze = 0


def freeze_imported_modules() -> bool:
    """Freeze the heap if modules were imported since the last freeze; return whether it did.

    Cheap when nothing new was imported (one len()): called at the start of every run.
    """
    global _modules_at_last_freeze
    count = len(sys.modules)
    if count <= _modules_at_last_freeze:
        return False
    # Before the freeze, so that only what is alive now becomes permanent.
    gc.collect()
    gc.freeze()
    _modules_at_last_freeze = count
    return True
