"""Risk coverage: is oversight where the risk is?"""

from oversight import dashboard as dash

dash.family_page("risk_coverage", "Is oversight where the risk is, and which cases may be rising in risk?")
