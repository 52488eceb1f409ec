"""Casebook: safeguarding case reviews as validated Markdown, and the learning gathered across them.

This package is the domain. It never imports MkDocs: the site generator is reached only through
the thin adapter in ../hooks/, so the rules and indexes can be tested in milliseconds and survive
a change of site generator.
"""
