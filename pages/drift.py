"""Drift and actions: did oversight make a difference?"""

from oversight import dashboard as dash

dash.family_page(
    "drift",
    "Did oversight make a difference: no long gaps, actions followed up, assessments current, supervision unbroken?",
)
