"""The test harness, one package imported as ``support.<module>``.

- ``building``: building a site, in-process (``build``) or exactly as the
  command line does (``run_sphinx_command``), and what a build left (``Build``);
- ``reading``: what readers see in the written pages and files;
- ``metadata``: what pages tell browsers, robots and feed readers (head tags, feeds, URLs);
- ``sites``: synthetic sites, for the tests (``Site``) and the benchmark (``SitePlan``);
- ``browser``: headless Chromium and a local server for the browser tests.

``tests`` and ``_ext`` are on ``sys.path`` through ``pytest.ini``'s
``pythonpath``; the benchmark adds them itself (``bench/run.py``).
"""
