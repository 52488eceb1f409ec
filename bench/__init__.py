"""Casebook's benchmark: fictional corpora built with the full site and with bare MkDocs + Material
(`python -m bench`, `make bench`). See bench/__main__.py for what it measures and the targets."""
