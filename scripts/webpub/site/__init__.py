"""The public website: what a build shows and the pages it generates (no MkDocs here)."""
