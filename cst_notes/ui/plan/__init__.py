"""The follow-up plan: the form, the read-only page and the plan tab with its history."""
