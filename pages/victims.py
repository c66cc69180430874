"""Victims: is the victim in view?"""

from oversight.ui.family_page import family_page

family_page("victims")
