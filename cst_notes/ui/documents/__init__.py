"""Patient documents: the Export PDF dialog and the rendering of PDF pages on screen and paper."""
