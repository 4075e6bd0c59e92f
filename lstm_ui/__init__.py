"""Streamlit glue shared by the pages: language, URL <-> session state, safe rendering."""

# pandas is imported here, whole, before any page can build a figure: plotly uses pandas whenever
# "pandas" is in sys.modules, so a figure built in one session's thread while another thread is
# half way through importing pandas failed ("partially initialized module 'pandas' has no
# attribute 'Series'"; 40 students reconnecting to a fresh replica at once). app.py and every
# page import lstm_ui before they draw anything, and Python's import lock makes each wait for this
# module, pandas included, to finish.
import pandas  # noqa: F401
