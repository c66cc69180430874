"""Footprint: is there evidence of management oversight on every case?"""

from oversight import dashboard as dash

dash.family_page(
    "footprint", "Is there evidence of management oversight on every case, at allocation and on every assessment?"
)
