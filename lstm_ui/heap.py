"""Keep Streamlit's garbage collection after every run cheap: move imported modules out of its way.

After each script run Streamlit calls `gc.collect(2)` (config `runner.postScriptGC`, on by
default). A full collection walks every object the cyclic collector tracks: with streamlit,
plotly, pandas and our modules imported that is ~120 000 objects and 70–100 ms on this 2-core
machine, for every rerun of every student, while holding the GIL, so no other session's script
and no websocket message moves meanwhile. That was the largest single cost of a rerun.

Almost all of those objects are module-level (functions, classes, plotly's validators) and live
as long as the process. `gc.freeze()` moves everything alive into a permanent generation that
collections skip; objects created later (sessions, figures, traces) are still collected as usual,
and frozen objects are still freed by reference counting.

A freeze also pins what the sessions alive at that moment hold: if that ends up in a reference
cycle, it is never collected. So the app freezes on its first run, right after importing all of
its own modules (lstm_core, lstm_viz, lstm_ui and the pages' controllers), while a single
session exists; and again only when a large group of modules (MIN_NEW_MODULES, e.g. pandas or
pyarrow imported lazily) arrived since, because a few small new modules (a plotly trace class on
its first use) add a few hundred objects to the collection, not worth pinning a classroom's
sessions for. Measured: after the
home page's first run ~1 380 modules are loaded; all six other pages together add 33 small ones.
"""

import gc
import importlib
import pkgutil
import sys
import threading

APP_PACKAGES = ("lstm_core", "lstm_viz", "lstm_ui")
# The pages' controllers are modules too; the page scripts beside them are not (importing one
# would run the page), so only `pages.*_controller` is imported.
CONTROLLER_SUFFIX = "_controller"
MIN_NEW_MODULES = 50

_modules_at_last_freeze = 0
_lock = threading.Lock()  # sessions' first runs on a fresh server arrive together


def import_the_app() -> None:
    """Import every module of the app's packages (the pages' imports), so a freeze covers them."""
    for package_name in APP_PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, package_name + "."):
            importlib.import_module(module.name)
    pages = importlib.import_module("pages")
    for module in pkgutil.iter_modules(pages.__path__, "pages."):
        if module.name.endswith(CONTROLLER_SUFFIX):
            importlib.import_module(module.name)


def freeze_imported_modules() -> bool:
    """Freeze the heap on the first run and after a large group of new imports; return whether
    it did. Cheap otherwise (one len()): called at the start of every run.
    """
    global _modules_at_last_freeze
    with _lock:
        if _modules_at_last_freeze == 0:
            import_the_app()
        count = len(sys.modules)
        if count - _modules_at_last_freeze < MIN_NEW_MODULES:
            return False
        # Before the freeze, so that only what is alive now becomes permanent.
        gc.collect()
        gc.freeze()
        _modules_at_last_freeze = count
        return True
