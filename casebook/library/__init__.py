"""The library: every review read together, and the cross-review indexes (themes, facets, related, figures)."""
