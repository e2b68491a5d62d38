"""Running rules and reporting: the file-rule engine and its cache, the one parallel runner,
the rule registry, the one result object and the reporters every command shares.
"""
