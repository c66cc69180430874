"""Timeliness: was oversight recorded and given in time?"""

from oversight.ui.family_page import family_page

family_page("timeliness")
