"""Authoring: the commented template `casebook new` writes (and, to come, `casebook import`)."""
