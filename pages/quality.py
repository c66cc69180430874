"""Quality of recording: do entries show analysis, actions and impact on the child?"""

from oversight.ui.family_page import family_page

family_page("quality")
