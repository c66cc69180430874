"""Escalation: is the right level of manager involved?"""

from oversight.ui.family_page import family_page

family_page("escalation")
