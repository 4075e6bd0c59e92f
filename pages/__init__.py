"""The app's pages: each page script (`<name>.py`, an st.Page of app.py) sits beside its
controller (`<name>_controller.py`: URL keys, settings, the cached computation, callbacks)."""
