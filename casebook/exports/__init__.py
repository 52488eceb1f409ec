"""Open data: reviews and learning as JSON and CSV, the Atom feed, and the JSON Schemas."""
