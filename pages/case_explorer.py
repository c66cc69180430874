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

search, found = st.columns([1, 2])
text = search.text_input("Find a case by its reference (or the child's reference)", key="explorer_search")
if text.strip():
    matches = data.find_cases(text)
    with found:
        if matches.height:
            st.caption(f"{matches.height} found{' (first 50)' if matches.height == 50 else ''}: click one to open it.")
            event = st.dataframe(
                matches,
                key="explorer_matches",
                hide_index=True,
                on_select="rerun",
                selection_mode="single-row",
                height=min(250, 38 + 35 * matches.height),
            )
            if event and event.selection.rows:
                st.session_state[state.K_CASE] = matches["case_id"][event.selection.rows[0]]
        else:
            st.warning(f"No case reference contains '{text.strip()}'.")

if st.query_params.get("case"):
    # a link to a case (?case=<reference>): opened like any other, so checked like any other
    st.session_state[state.K_CASE] = st.query_params["case"]
    del st.query_params["case"]  # read once, so a case found afterwards by search can open
case_id = st.session_state.get(state.K_CASE)
if not case_id:
    st.info("Type a reference above, click a case below, or click a case in any list on the other pages.")
    todo = data.cases_to_act_on(v)
    if todo is not None:
        st.subheader("Cases to act on first")
        st.caption(
            f"{todo.height:,} cases judged insufficient at D (JG1) within the filters: most failed checks first, "
            "then the longest without a management entry. Click one to open it."
        )
        widgets.selectable_table(todo, key="explorer_todo", height=420)
    st.stop()

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
            st.markdown("\n".join(f"- {x}" for x in reasons) if reasons else "None: every check passed.")
            checks = {c.column: c.label for c in judgement_checks.CHECKS}  # the page label of each check
            present = [c for c in checks if c in r]
            if present:
                marks = {"pass": "pass", "fail": "FAIL", "n/a": "n/a (nothing to check)"}
                st.dataframe(
                    pl.DataFrame(
                        {"check": [checks[c] for c in present], "result": [marks.get(r[c], r[c]) for c in present]}
                    ),
                    hide_index=True,
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
    shown, hide_index=True, key="explorer_rows", column_config={"event_date": st.column_config.DateColumn("date")}
)
widgets.download_buttons(shown, {"Journey": shown}, f"case_{case_id}_{v.as_of}", "explorer_dl")
