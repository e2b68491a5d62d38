"""Rendering a page body as the site does, and reading its HTML back: the renderer, its guard,
one scan of the HTML, the browser-like tokeniser of the built output, links, the allowlist.
"""
