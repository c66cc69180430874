"""Inspection readiness: the case judgements (JG1), the audit sample and the self-assessment pack."""

from __future__ import annotations

import polars as pl
import streamlit as st

from oversight import charts, pack, sample
from oversight.ui import data, state, widgets
from queries.judgement import bands_text, judgement_counts
from queries.judgement import checks as judgement_checks


def _dates(frame: pl.DataFrame) -> dict[str, object]:
    """Date columns shown as dates (a table would otherwise add a midnight time)."""
    return {
        "column_config": {
            name: st.column_config.DateColumn(state.COLUMN_LABELS.get(name, name), format="DD MMM YYYY")
            for name, dtype in frame.schema.items()
            if dtype in (pl.Date, pl.Datetime)
        }
    }


v = widgets.page_header(
    "Inspection readiness",
    "How the caseload would fare if an inspector read it today: each case judged as the inspectorate "
    "judges management oversight, an audit sample drawn as an inspection draws one, and the self-assessment "
    "pack to download.",
)
pol = v.policy
jg1 = data.catalogue()["JG1"]
judged = data.judgements(v)
cases = data.cases_within(v)
# JG1 needs tables (assessments) that may not be loaded, and local policy may switch it off: then no
# judgement is shown, only why (what to load, or the policy)
jg1_note = state.switched_off_message(jg1) if judged.switched_off else None
if judged.missing and not jg1_note:
    jg1_note = state.unavailable_message(judged.missing)

# --- JG1 across the caseload ---------------------------------------------------------------

st.header("Case judgement across the caseload")
head = data.headline(jg1, v)
share = head.value
band = pack.band(share, pol)
c1, c2, c3, c4 = st.columns(4)
widgets.headline_tile(head, c1)
band_box = c2.container(border=True)
band_box.markdown("Band")
band_box.markdown(
    f"<span style='font-size:1.6rem;font-weight:600;color:{charts.BAND_TEXT.get(band or '', charts.NO_VALUE_TEXT)}'>"
    f"{str(band or '–').replace('_', ' ')}</span>",
    unsafe_allow_html=True,
)
band_box.caption("from the share sufficient, policy bands")
if jg1_note:
    c3.info(jg1_note)
else:
    counts = judgement_counts(cases)
    c3.metric("Insufficient cases", counts["insufficient"], border=True)
    c4.metric(
        "Not yet judged", counts["not_yet"], border=True,
        help=f"Open under {pol.values['judgement_min_open_days']} days on D (judgement_min_open_days).",
    )  # fmt: skip
st.info(
    f"{pack.BAND_NOTE} Bands (policy): {bands_text(pol)}.",
    icon="ℹ️",
)

st.subheader("The share month by month")
if jg1_note:
    st.info(jg1_note)
else:
    history = data.summary(jg1, v.history, v)
    st.caption(widgets.trend_caption(jg1, v))
    st.plotly_chart(
        charts.trend(history, pol.target("JG1"), jg1.direction),
        key="insp_trend",
        config={"displayModeBar": False},
    )
    with st.expander("Numbers in this chart"):
        st.dataframe(
            widgets.readable(data.numbers_table(history), jg1, pol),
            hide_index=True,
            column_config={"value": st.column_config.NumberColumn("share sufficient", format=widgets.PERCENT)},
            key="insp_trend_numbers",
        )

# --- insufficient cases by the three questions ---------------------------------------------

st.header("Cases judged insufficient, by the inspectorate's three questions")
st.caption(
    "Each reason is one of JG1's nine checks, placed under the question it answers: the footprint of entries "
    "and countersignatures (and whether entries say anything) is the *evidence*; timely responses to risk, "
    "events and assessments awaiting sign-off show whether oversight was *effective*; actions followed up and "
    "assessments done and kept current show whether it *made a difference* to the work in the case. "
    "A case appears under every question it fails. Click a row to open the case."
)
reasons = pack.reasons_by_question(cases)
counts_by_reason = pack.reason_counts(reasons)
if jg1_note:
    st.info(jg1_note)
elif not reasons.height:
    st.success("No case is judged insufficient.")
else:
    # the tabs take the questions in a few words (the whole question cut off); each tab says it whole
    failing = {q: reasons.filter(pl.col("question") == q)["case_id"].n_unique() for q in pack.QUESTIONS}
    tabs = st.tabs([f"{judgement_checks.QUESTIONS_SHORT[q]} ({n})" for q, n in failing.items()])
    for tab, (question, text) in zip(tabs, pack.QUESTIONS.items(), strict=True):
        with tab:
            st.markdown(f"**{text}**")
            part = reasons.filter(pl.col("question") == question)
            if not part.height:
                st.success("No insufficient case fails on this question.")
                continue
            counted = counts_by_reason.filter(pl.col("question") == question).select(
                "reason_code", "reason_text", "cases", "critical_cases"
            )
            st.dataframe(
                counted,
                hide_index=True,
                key=f"insp_counts_{question}",
                column_config=state.column_labels(counted, reason_code=None),
            )
            listed = part.select(
                "case_id", "reason_text", "detail", "critical", "risk_group", "team", "case_manager_id", "reason_code"
            ).with_columns(pl.col("case_manager_id").replace(data.staff_labels()))
            widgets.selectable_table(
                state.readable(listed, reasons=("detail",)),
                key=f"insp_list_{question}",
                column_config=state.column_labels(
                    listed, reason_code=None, detail=st.column_config.TextColumn("What was found", width="large")
                ),
            )

if not jg1_note:
    with st.expander("Every case with its judgement, reasons and strengths"):
        every_case = cases.select(
            "case_id",
            "team",
            "case_manager_id",
            "risk_group",
            "judgement",
            "reasons",
            "strengths",
            "days_since_management_entry",
            "window_start",
            "window_end",
        )
        widgets.selectable_table(
            state.readable(every_case),
            key="insp_all_cases",
            column_config=state.column_labels(
                every_case,
                reasons=st.column_config.TextColumn("Why", width="large"),
                strengths=st.column_config.TextColumn("Strengths", width="medium"),
                **_dates(every_case)["column_config"],
            ),
            height=420,
        )
        # the list behind the JG1 figure and the insufficient count, for the QA meeting's own notes
        widgets.download_buttons(
            every_case, {"Case judgements": every_case}, f"case-judgements-{v.as_of}", "insp_all_dl"
        )

# --- agreement with auditors ---------------------------------------------------------------

st.header("Agreement with auditors' own judgements")
if "audits" not in data.tables_present():
    st.info(state.unavailable_message(["audits"]) + " Audits with an oversight judgement are set beside JG1 here.")
elif jg1_note:
    st.info(jg1_note + " Auditors' judgements are set beside JG1's here.")
else:
    agreement = data.agreement(v)
    if agreement is None or not agreement.compared:
        st.info(
            "Audits are loaded, but none in the 365 days ending on D records an oversight judgement for a case "
            "JG1 judged on the audit's date."
            + (f" {agreement.not_yet} audited cases were too young to judge on their audit date." if agreement else "")
        )
    else:
        a1, a2, a3, a4 = st.columns(4)
        a1.metric("Audits compared", agreement.compared, border=True)
        a2.metric(
            "JG1 agrees", f"{agreement.share:.0%}", border=True,
            help=f"{agreement.agreed} of {agreement.compared} audits: JG1 on the audit date agreed with the auditor.",
        )  # fmt: skip
        a3.metric(
            "Cohen's kappa", "–" if agreement.kappa is None else f"{agreement.kappa:.2f}", border=True,
            help="Agreement beyond what chance alone would give: 1 is perfect, 0 no better than chance.",
        )  # fmt: skip
        a4.metric(
            "Left out: not yet judged", agreement.not_yet, border=True,
            help="Audits of a case too young for JG1 on the audit's date (judgement_min_open_days): not compared.",
        )  # fmt: skip
        st.dataframe(
            state.readable(agreement.counts),
            hide_index=True,
            key="insp_agree_counts",
            column_config=state.column_labels(agreement.counts, judgement="JG1 judgement"),
        )
        st.caption(
            f"Each audit dated in the 365 days ending on D with an oversight judgement is compared with JG1 for its "
            f"case as of the audit's own date (the file as the auditor saw it, not as it stands today): "
            f"{agreement.agreed} of {agreement.compared} agreed. {agreement.not_yet} audits of cases too young to "
            "judge on their date are left out"
            + (f", and {agreement.not_open} dated before their case started" if agreement.not_open else "")
            + "."
            + (" This comparison covers the whole caseload, whatever the sidebar's filters." if v.filters else "")
        )
        st.markdown("**Disagreements, to learn from**: JG1 as of the audit date (click a row to open the case)")
        disagreements = agreement.disagreements.select(
            "case_id",
            pl.col("audit_date").cast(pl.Date),
            pl.col("auditor_id").replace(data.staff_labels()).alias("auditor"),
            "grade",
            "audit_judgement",
            pl.col("judgement").alias("JG1 judgement"),
            "reasons",
            "strengths",
        )
        if disagreements.height:
            widgets.selectable_table(
                state.readable(disagreements),
                key="insp_disagreements",
                column_config=state.column_labels(
                    disagreements,
                    reasons=st.column_config.TextColumn("Why (JG1)", width="large"),
                    **_dates(disagreements)["column_config"],
                ),
            )
        else:
            st.success("JG1 and the auditors agree on every case compared.")

# --- the audit sample ----------------------------------------------------------------------

st.header("Audit sample")
seed = st.number_input(
    "Seed (the same seed draws the same cases)", min_value=0, max_value=999_999, value=0, step=1, key="insp_seed"
)
population = data.evidence(v)
audit = sample.audit_list(
    data.connection(), v.window, pol, seed=int(seed), judgements=judged.cases if judged.available else None,
    tables_present=list(data.tables_present()), population=population,
)  # fmt: skip
st.caption(
    sample.describe(pol, population.height, audit.height, int(seed), v.as_of)
    + " Each stratum gets at least its share: rounded up for raised-risk strata. The evidence is counted over "
    "each case's JG1 review window. The sample is drawn from the whole caseload, whatever the sidebar's filters."
)
strata = sample.strata_table(population, pol.values["sample_fraction"], pol.values["sample_minimum"])
with st.expander(f"The {strata.height} strata: cases and places in the sample"):
    st.dataframe(strata.select("stratum", "cases", "sampled"), hide_index=True, key="insp_strata")
st.markdown("**The audit list**: each sampled case with its judgement and the evidence the data holds "
            "(click a row to open the case)")  # fmt: skip
shown_audit = audit.with_columns(pl.col("case_manager_id").replace(data.staff_labels()))
if not judged.available and "judgement" in shown_audit.columns:
    shown_audit = shown_audit.drop("judgement")  # no column of blanks where no case could be judged
widgets.selectable_table(
    state.readable(shown_audit),
    key="insp_sample",
    height=420,
    column_config=state.column_labels(shown_audit, **_dates(shown_audit)["column_config"]),
)
widgets.download_buttons(
    audit, {"Audit sample": audit, "Strata": strata}, f"audit-sample-{v.as_of}-seed{int(seed)}", key="insp_sample_dl"
)

# --- the self-assessment pack --------------------------------------------------------------

st.header("Self-assessment pack")
st.caption(
    "An Excel workbook (summary, a sheet per indicator family with breakdowns by team, manager and risk rating, "
    "trends, the case judgements and this audit sample) and a PDF report (headline figures with RAG, trends, "
    "teams side by side, the case judgement summary, definitions and policy sources), for D and the period "
    "above, every case you may see (the whole caseload for the whole service). "
    + (
        "Small-number suppression is on: counts of 1 to "
        f"{pol.values['suppression_max']} show as c and the case lists are left out."
        if pol.values["suppress_small_numbers"]
        else "Small-number suppression is off (Policy page): the pack holds case lists for internal use."
    )
    + " The same pack comes from `python -m oversight pack` for a scheduled job."
)
pack_key = (data.stamp(), v.as_of, v.start, pol.digest, int(seed), v.filters.allowed_staff)
if st.button("Prepare the pack", key="insp_pack_build", type="primary"):
    with st.status("Preparing the pack...", expanded=True) as status:
        bar = st.progress(0.0, text="Starting")
        prepared = pack.prepare_pack(
            data.connection(), v.as_of, pol, seed=int(seed), start=v.start, filters=v.filters.scoped(),
            progress=lambda step, detail, done: bar.progress(done, text=f"{step}: {detail}" if detail else step),
        )  # fmt: skip
        status.update(label="The pack is ready", state="complete", expanded=False)
    built = prepared.data
    data.log_event("pack", what=prepared.stem, rows=built.cases.height)
    st.session_state["insp_pack"] = (pack_key, prepared.stem, prepared.workbook, prepared.pdf, built.cases.height)
ready = st.session_state.get("insp_pack")
if ready and ready[0] == pack_key:
    _, stem, xlsx, pdf, ready_rows = ready
    d1, d2 = st.columns(2)
    d1.download_button(
        "Download the workbook (.xlsx)", xlsx, file_name=f"{stem}.xlsx", key="insp_pack_xlsx", width="stretch",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click=widgets.log_download, args=(f"{stem}.xlsx", ready_rows, "pack"),
    )  # fmt: skip
    d2.download_button(
        "Download the report (.pdf)", pdf, file_name=f"{stem}.pdf", key="insp_pack_pdf", width="stretch",
        mime="application/pdf", on_click=widgets.log_download, args=(f"{stem}.pdf", ready_rows, "pack"),
    )  # fmt: skip
elif ready:
    st.caption("The date, period, policy, seed or data changed since the pack was prepared: prepare it again.")
