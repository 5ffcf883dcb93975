"""The opened patient's chart: its header, alerts and tabs."""
