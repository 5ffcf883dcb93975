"""The intake: the form, its sections and the read-only page."""
