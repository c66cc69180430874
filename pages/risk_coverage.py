"""Risk coverage: is oversight where the risk is?"""

from oversight.ui.family_page import family_page

family_page("risk_coverage")
