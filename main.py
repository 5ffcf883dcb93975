"""Run CST Notes from a checkout: ``python main.py`` (the same as ``cst-notes``)."""

from cst_notes.app import main

if __name__ == "__main__":
    raise SystemExit(main())
