"""The district window's pages, one module each (see `district_gui.page` for the convention)."""
