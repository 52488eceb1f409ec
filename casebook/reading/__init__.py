"""Reading review files: the front matter with the line of every value, and the Review built from it."""
