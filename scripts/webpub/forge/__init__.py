"""The thin adapters to the forge (GitHub's REST API): reading a pull request's reviews
(``reviews``) and posting notices as issues and comments (``issues``). Standard library only.
"""
