"""Streamlit glue shared by the pages: language, URL <-> session state, safe rendering."""
