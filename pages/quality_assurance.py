"""Quality assurance: do audits reach the child's file and change the work?"""

from oversight.ui.family_page import family_page

family_page("quality_assurance")
