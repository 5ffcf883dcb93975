"""The application around the chart: the main window, start-up, menus, settings, history and the drafts bar."""
