"""The Progress tab: charts and per-session tables of how the patient has done."""
