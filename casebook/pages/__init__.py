"""The pages and files the build generates, and the page registry that lists them."""
