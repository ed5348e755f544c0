"""Themes and their resources (tools, guides, practices): ``/themas/``."""
