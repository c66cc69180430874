"""Quality of recording: do entries show analysis, actions and impact on the child?"""

from oversight import dashboard as dash

dash.family_page(
    "quality", "Are management entries substantive, and do they show analysis, actions and the impact on the child?"
)
