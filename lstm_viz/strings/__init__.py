"""UI strings, one module per page; `lstm_viz.i18n` merges them into the single table."""
