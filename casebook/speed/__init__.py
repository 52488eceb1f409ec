"""Speed machinery for large libraries: work shared between forked processes."""
