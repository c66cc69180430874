"""Case explorer: one case's journey, and the JG1 judgement with its reasons beside it.

A manager finds a case by its reference here, or arrives by clicking it in any list.
"""

import polars as pl
import streamlit as st

from oversight import charts
from oversight.ui import data, state, widgets
from queries.judgement import checks as judgement_checks
from queries.judgement import split_reasons

v = widgets.page_header(
    "Case explorer",
    "One case's journey up to D: assessments and ratings, management entries, "
    "panels, events and actions, with the case judgement (JG1) and its reasons.",
)

TODO_TITLE = "Cases to act on first"


def _open_found() -> None:
    """A case clicked among the search's matches opens, and the search is emptied: a match left
    selected would open that case again on every run, whatever the user did next."""
    event = st.session_state.get("explorer_matches")
    rows = event.selection.rows if event else []
    matches = data.find_cases(st.session_state.get("explorer_search", ""))
    if rows and rows[0] < matches.height:
        st.session_state[state.K_CASE] = matches["case_id"][rows[0]]
        st.session_state.pop(state.K_CASE_LIST, None)
        st.session_state["explorer_search"] = ""


search, found = st.columns([1, 2])
text = search.text_input("Find a case by its reference (or the child's reference)", key="explorer_search")
if text.strip():
    matches = data.find_cases(text)
    with found:
        if matches.height:
            st.caption(f"{matches.height} found{' (first 50)' if matches.height == 50 else ''}: click one to open it.")
            st.dataframe(
                matches,
                key="explorer_matches",
                hide_index=True,
                on_select=_open_found,
                selection_mode="single-row",
                height=min(250, 38 + 35 * matches.height),
                column_config=state.column_labels(matches),
            )
        else:
            st.warning(f"No case reference contains '{text.strip()}'.")

if st.query_params.get("case"):
    # a link to a case (?case=<reference>): opened like any other, so checked like any other
    st.session_state[state.K_CASE] = st.query_params["case"]
    del st.query_params["case"]  # read once, so a case found afterwards by search can open
case_id = st.session_state.get(state.K_CASE)
todo = data.cases_to_act_on(v)
if not case_id:
    st.info("Type a reference above, click a case below, or click a case in any list on the other pages.")
    if todo is not None:
        st.header(TODO_TITLE)
        st.caption(
            f"{todo.height:,} cases judged insufficient at D (JG1) within the filters: most failed checks first, "
            "then the longest without a management entry. Click one to open it."
        )
        widgets.selectable_table(
            # why it is on the list next to which case; the rest after (scroll for more)
            state.readable(todo.select("case_id", "reasons", pl.exclude("case_id", "reasons"))),
            key="explorer_todo",
            height=560,
            row_height=78,  # tall rows: the reasons wrap onto lines of their own instead of being cut
            column_config=state.column_labels(
                todo,
                reasons=st.column_config.TextColumn("Why", width=520),
                days_since_management_entry=st.column_config.NumberColumn("Days without an entry", width="small"),
                failed_checks=st.column_config.NumberColumn("Checks failed", width="small"),
            ),
        )
    st.stop()


def _case_list() -> tuple[tuple[str, ...], object, str]:
    """The list this case is worked through in: the one it was opened from when it is in it,
    else the cases to act on first (when it is among them); the page that list is on; its name."""
    listing = st.session_state.get(state.K_CASE_LIST) or {}
    page = listing.get("page")
    cases = tuple(listing.get("cases") or ())
    on_explorer = page is None or getattr(page, "url_path", "") == "case_explorer"
    if case_id in cases and not on_explorer:
        return cases, page, f"the list on {page.title}"
    todo_cases = tuple(todo["case_id"].to_list()) if todo is not None else ()
    return todo_cases, None, TODO_TITLE


def _go_to(other: str) -> None:
    st.session_state[state.K_CASE] = other


def _back() -> None:
    st.session_state.pop(state.K_CASE, None)


cases, origin, list_name = _case_list()
back, prev, where, nxt = st.columns([2, 1, 2, 1], vertical_alignment="center")
if origin is None:
    # the list is on this page: closing the case shows it, with the sidebar's filters as they were
    back.button(f"← {TODO_TITLE}", key="explorer_back", on_click=_back, width="stretch")
elif back.button(f"← Back to {origin.title}", key="explorer_back", width="stretch"):
    st.session_state.pop(state.K_CASE, None)
    st.switch_page(origin)
if case_id in cases:
    at = cases.index(case_id)
    prev.button(
        "‹ Previous", key="explorer_prev", on_click=_go_to, args=(cases[at - 1] if at else "",),
        disabled=at == 0, width="stretch",
    )  # fmt: skip
    where.caption(f"Case {at + 1:,} of {len(cases):,} in {list_name}")
    nxt.button(
        "Next ›", key="explorer_next", on_click=_go_to, args=(cases[at + 1] if at + 1 < len(cases) else "",),
        disabled=at + 1 >= len(cases), width="stretch",
    )  # fmt: skip
else:
    where.caption(f"Not in {list_name}.")

facts = data.case_facts(case_id, v.as_of)
if facts is None:
    # the same words for a case outside the person's scope as for one that does not exist
    st.error(f"Case {case_id} is not in the data loaded.")
    st.stop()
if st.session_state.get("explorer_logged") != (case_id, v.as_of):
    data.log_event("case_opened", case_id=case_id)
    st.session_state["explorer_logged"] = (case_id, v.as_of)

st.header(f"Case {case_id}")
ended = f", ended {facts['end_date']:%d %b %Y}" if facts["end_date"] else " (open)"
st.markdown(
    f"Child **{facts['child_id']}** · {str(facts['disposal']).replace('_', ' ')} · team **{facts['team']}** · "
    f"started {facts['start_date']:%d %b %Y}{ended}  \n"
    f"Case manager **{facts['case_manager_name'] or facts['case_manager_id']}**"
    f" · line manager {facts['line_manager_name'] or '–'}"
    f" · age at D {facts['age_at_d'] if facts['age_at_d'] is not None else '–'}"
    f" · looked after: {'yes' if facts['looked_after'] else 'no' if facts['looked_after'] is False else '–'}"
)

journey, judgement = st.columns([3, 2])
with judgement:
    st.subheader("Case judgement (JG1)")
    judged = data.judgements(v)
    if judged.switched_off:
        st.info(state.switched_off_message(data.catalogue()["JG1"]))
    elif not judged.available:
        st.info(state.unavailable_message(judged.missing))
    else:
        row = judged.cases.filter(pl.col("case_id") == case_id)
        if not row.height:
            st.info("Not judged at D: only cases open on D (for 91 days or more) or closed in the period are judged.")
        else:
            r = row.row(0, named=True)
            verdict = r.get("judgement")
            colour = {"sufficient": "green", "insufficient": "red"}.get(verdict, "gray")
            st.markdown(f"### :{colour}[{str(verdict).replace('_', ' ')}]")
            if r.get("window_start") and r.get("window_end"):
                st.caption(f"Review window {r['window_start']:%d %b %Y} to {r['window_end']:%d %b %Y}.")
            st.markdown(
                f"Risk: RoSH {r.get('rosh') or 'unrated'}, SWB {r.get('swb') or 'unrated'} "
                f"({str(r.get('risk_group') or 'unrated').replace('_', ' ')}). "
                f"Days since a management entry: {r.get('days_since_management_entry', '–')}."
            )
            st.markdown("**Reasons**")
            reasons = split_reasons(r.get("reasons"))
            st.markdown(
                "\n".join(f"- {judgement_checks.describe(x)}" for x in reasons)
                if reasons
                else "None: every check passed."
            )
            checks = {c.column: c.label for c in judgement_checks.CHECKS}  # the page label of each check
            present = [c for c in checks if c in r]
            if present:
                marks = {"pass": "pass", "fail": "FAIL", "n/a": "n/a (nothing to check)"}
                st.dataframe(
                    pl.DataFrame(
                        {"check": [checks[c] for c in present], "result": [marks.get(r[c], r[c]) for c in present]}
                    ),
                    hide_index=True,
                    column_config={
                        # both columns sized to fit the narrow column beside the journey, uncut
                        "check": st.column_config.TextColumn("Check", width=230),
                        "result": st.column_config.TextColumn("Result", width=150),
                    },
                )
            if "strengths" in r:
                st.markdown("**Strengths**")
                strengths = [x for x in str(r.get("strengths") or "").split("; ") if x]
                st.markdown("\n".join(f"- {x}" for x in strengths) if strengths else "None recorded.")

with journey:
    st.subheader("Journey")
    frame = data.timeline(case_id, v.as_of)
    if not frame.height:
        st.info("Nothing dated on this case up to D.")
    else:
        st.plotly_chart(charts.timeline(frame, v.as_of), key="explorer_timeline", config={"displayModeBar": False})
        counts = frame.group_by("lane").len().sort("lane")
        st.caption(" · ".join(f"{r['lane']}: {r['len']}" for r in counts.iter_rows(named=True)))

st.subheader("Everything on the record, newest first")
shown = frame.sort("event_date", descending=True) if frame.height else frame
st.dataframe(
    state.readable(shown),
    hide_index=True,
    key="explorer_rows",
    column_config=state.column_labels(
        shown,
        event_date=st.column_config.DateColumn("Date"),
        detail=st.column_config.TextColumn("Detail", width="large"),
    ),
)
widgets.download_buttons(shown, {"Journey": shown}, f"case_{case_id}_{v.as_of}", "explorer_dl")
