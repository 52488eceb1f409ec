"""The model: the one declaration of every front-matter field, and the controlled vocabularies."""
