"""Hosting on the agency's own web server: what the build adds for it (CSP, precompressed
files), the nginx and Apache configuration generated from the site, and the SSH deploy."""
