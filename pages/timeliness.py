"""Timeliness: was oversight recorded and given in time?"""

from oversight import dashboard as dash

dash.family_page("timeliness", "Was oversight recorded in time, and did managers respond in time?")
