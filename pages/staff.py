"""Staff and supervision: can the workforce carry the work, and is everyone supervised?"""

from oversight.ui.family_page import family_page

family_page("staff")
