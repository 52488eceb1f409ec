"""The checks a contributor can meet: front matter, body markup, personal data, files, the whole library."""
