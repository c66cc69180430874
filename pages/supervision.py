"""Supervision preparation: pick a case manager, get every open case of theirs on D with what
the line manager reviews before the monthly session, in the order to discuss them; print it or
download it."""

import polars as pl
import streamlit as st

from oversight import supervision
from oversight.ui import data, state, widgets

v = widgets.page_header(
    "Supervision preparation",
    "Every open case of one case manager on D, with what to review before their formal one-to-one supervision "
    "(001: every open case discussed each month): the last management entry and supervision record, the "
    "assessment and ratings, actions open or to confirm, events since the last session and the JG1 checks failing.",
)

session = st.session_state
staff = data.filter_options(session.get(state.K_FILTERS["team"]), session.get(state.K_FILTERS["line_manager"]))
# only those holding a case open on D: someone with none has no caseload to prepare
caseloads = data.open_caseloads(v)
managers = {
    s: f"{label} · {caseloads[s]} open case{'s' if caseloads[s] != 1 else ''}"
    for s, label in staff.get("case_manager", {}).items()
    if s in caseloads
}
if not managers:
    st.info("No case manager within the filters holds an open case on D.")
    st.stop()
chosen_filter = session.get(state.K_FILTERS["case_manager"])
if session.get("supervision_cm") not in managers:
    session["supervision_cm"] = chosen_filter if chosen_filter in managers else next(iter(managers))
case_manager = st.selectbox(
    "Case manager", list(managers), key="supervision_cm", format_func=lambda s: managers.get(s, s)
)
prep = data.supervision_preparation(case_manager, v)

if prep.last_session:
    ago = (v.as_of - prep.last_session).days
    st.markdown(
        f"Last formal one-to-one session: **{prep.last_session:%d %b %Y}**"
        + (f" with {prep.supervisor}" if prep.supervisor else "")
        + f", {ago} days before D. 'Since' below counts from it."
    )
    if prep.last_session < supervision.month_before(v.as_of):
        st.warning("No formal one-to-one session in the month before D: 001 asks for one every calendar month.")
else:
    st.warning(
        f"No formal one-to-one session recorded up to D: 'since' below counts from {prep.since:%d %b %Y}, "
        "a month before D."
    )
if prep.not_loaded:
    st.caption(f"Not loaded: {', '.join(prep.not_loaded)}; their columns are blank.")

cases = prep.cases
st.subheader(f"{cases.height:,} open case{'s' if cases.height != 1 else ''} on {v.as_of:%d %b %Y}")
if not cases.height:
    st.info("This case manager holds no open case on D.")
    st.stop()
st.caption(f"In the order to discuss them: {supervision.ORDER_TEXT}. Click a case to open it.")
# what to talk about first, then the facts behind it (the CSV keeps the contract's order)
FIRST = ("order", "case_id", "to_discuss", "reasons")
shown = state.readable(cases.select(*FIRST, pl.exclude(*FIRST)), dates=True)
widgets.selectable_table(
    shown,
    key="supervision_cases",
    height=min(720, 38 + 78 * shown.height),
    row_height=78,  # tall rows: what to discuss wraps instead of being cut
    column_config=state.column_labels(
        shown,
        to_discuss=st.column_config.TextColumn("To discuss", width="large"),
        reasons=st.column_config.TextColumn("JG1 checks failing", width="large"),
    ),
)

name = f"supervision_{case_manager}_{v.as_of}"
widgets.download_buttons(
    supervision.export_frame(prep), {"Supervision": supervision.export_frame(prep)}, name, "supervision_dl"
)
one, every = st.columns(2)
one.download_button(
    "Download PDF (this case manager)",
    lambda: supervision.pdf_bytes([prep], data.meta(), v.policy),
    file_name=f"{name}.pdf",
    mime="application/pdf",
    key="supervision_pdf",
    width="stretch",
    on_click=widgets.log_download,
    args=(f"{name}.pdf", cases.height),
)
every.download_button(
    f"Download PDF (all {len(managers):,} case managers listed, a page each)",
    lambda: supervision.pdf_bytes([data.supervision_preparation(s, v) for s in managers], data.meta(), v.policy),
    file_name=f"supervision_{v.as_of}.pdf",
    mime="application/pdf",
    key="supervision_pdf_all",
    width="stretch",
    on_click=widgets.log_download,
    args=(f"supervision_{v.as_of}.pdf", len(managers)),
)
