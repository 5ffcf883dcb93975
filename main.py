"""Run CST Notes from a checkout: ``python main.py`` (the same as ``cst-notes``)."""

import multiprocessing

from cst_notes.app import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the bundle's PDF workers (PyInstaller) start as workers, not as the app
    raise SystemExit(main())
