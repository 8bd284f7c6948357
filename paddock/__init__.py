"""Paddock: trackside operations for the Porsche Carrera Cup North America."""

__version__ = "0.1.0"
