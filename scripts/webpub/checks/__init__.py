"""The content and attachment rules that run on one file, one module per rule.

Each module defines ``ID`` (stable, never reused: retired ids are listed in
``webpub.core.registry.RETIRED``), ``NAME``, ``DESCRIPTION`` and one or both of
``check(page, ctx) -> Iterator[Finding]`` and
``check_asset(asset, ctx) -> Iterator[Finding]`` (``symlinks`` has
``check_path``, run before anything is read). Checks are pure: they read the page,
the asset and the context and yield findings; severity comes from
``schema/rules.yml``, not from code. Modules are discovered by
``webpub.core.registry``, so adding a rule is adding a module (plus its severity line);
the deep rules that only report one kind of inspector issue are rows of ``_deep.RULES``.
"""
