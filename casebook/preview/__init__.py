"""The preview loop of `mkdocs serve`: reviews kept across rebuilds, errors shown in the page."""
