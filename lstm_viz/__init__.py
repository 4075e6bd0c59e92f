"""Plotly figures and UI strings for LSTM Gate Lab; no Streamlit here, so every figure is
testable without a server."""
