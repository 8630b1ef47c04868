"""This site's policies, each an extension the site opts into in ``conf.py``.

The engine (``editorial``) builds any site of posts and pillars; what is
particular to this one lives here, named for what it decides:

- ``hugo_addresses``: links pasted from the old Hugo site resolve;
- ``robots``: the ``robots.txt`` written beside the sitemap;
- ``batch_gc``: the garbage collector's thresholds during a build.

A site that lists none of them still builds (``tests/test_policy.py``).
"""
