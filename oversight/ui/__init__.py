"""The dashboard's shared parts, one room each; pages under ``pages/`` only lay them out.

- :mod:`oversight.ui.state`: session keys of the sidebar's filters, the ``View``, labels;
- :mod:`oversight.ui.data`: cached data access (connection, figures, judgements);
- :mod:`oversight.ui.widgets`: header and banner, tiles, tables, downloads, breakdowns;
- :mod:`oversight.ui.family_page`: the page of one indicator family.
"""
