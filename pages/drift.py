"""Drift and actions: did oversight make a difference?"""

from oversight.ui.family_page import family_page

family_page("drift")
