"""Footprint: is there evidence of management oversight on every case?"""

from oversight.ui.family_page import family_page

family_page("footprint")
