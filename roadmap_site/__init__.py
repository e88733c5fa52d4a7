"""roadmap-site: a static site generator for learning roadmaps."""

__version__ = "0.1.0"
