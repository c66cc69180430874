"""Policy: the thresholds in force with their sources; edit and save the local policy.

The defaults ship in oversight/policy.toml; the local file holds only what a service changed.
Every figure is cached by the policy's digest, so a saved change shows on every page at once.
"""

import polars as pl
import streamlit as st

from oversight.policy import DEFAULT_POLICY, LOCAL_POLICY, SWITCHED_OFF, policy_path, save_policy
from oversight.sources import cite
from oversight.ui import data, widgets

widgets.through_app()
st.title("Policy")
if data.has_database():
    widgets.banner()
try:
    pol = data.policy()
except ValueError as exc:  # a hand-edited local file that no longer reads
    st.error(f"The local policy file cannot be read: {exc}")
    st.stop()

target_file = policy_path() or LOCAL_POLICY


def _show(value: object) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


st.markdown(
    f"In force: **{pol.label}**. Defaults: `{DEFAULT_POLICY.name}`; local changes are saved to `{target_file}`."
)

settings = pl.DataFrame(
    {
        "setting": [s.name for s in pol.settings.values()],
        "value": [_show(s.value) for s in pol.settings.values()],
        "unit": [s.unit for s in pol.settings.values()],
        "changed": [s.value != s.default for s in pol.settings.values()],
        "default": [_show(s.default) for s in pol.settings.values()],
        "what it does": [s.description for s in pol.settings.values()],
        "source": [cite(s.source) for s in pol.settings.values()],
    }
)
st.header("Thresholds in force")
st.dataframe(
    settings,
    hide_index=True,
    height=38 + 35 * settings.height,
    column_config={"what it does": st.column_config.TextColumn(width="large")},
)

targets = pl.DataFrame(
    {
        "indicator": list(pol.targets),
        "green": [t["green"] for t in pol.targets.values()],
        "amber": [t["amber"] for t in pol.targets.values()],
    }
)
st.header("RAG targets")
st.caption(
    "Green at or better than green, amber at or better than amber, red otherwise; for lower-is-better "
    "indicators (RC4, DR1) the comparison is reversed. 'default' applies to every indicator not listed."
)

st.dataframe(
    targets,
    hide_index=True,
    column_config={
        "green": st.column_config.NumberColumn(format="percent"),
        "amber": st.column_config.NumberColumn(format="percent"),
    },
)

st.header("Edit the local policy")
with st.form("policy_form"):
    new_values: dict[str, object] = {}
    grid = st.columns(3)
    for n, s in enumerate(pol.settings.values()):
        label = s.label
        key = f"policy_{s.name}"
        tip = f"{s.description} (setting `{s.name}`)"
        if isinstance(s.value, bool):
            new_values[s.name] = grid[n % 3].checkbox(label, value=s.value, help=tip, key=key)
        elif isinstance(s.value, int):
            new_values[s.name] = int(grid[n % 3].number_input(label, value=s.value, step=1, help=tip, key=key))
        elif isinstance(s.value, float):
            new_values[s.name] = float(
                grid[n % 3].number_input(label, value=s.value, step=0.01, format="%.2f", help=tip, key=key)
            )
        elif s.name == SWITCHED_OFF:
            # chosen from the catalogue, so the file saved never names an indicator that does not exist
            new_values[s.name] = grid[n % 3].multiselect(
                "Indicators switched off by local policy", list(data.catalogue()), default=s.value,
                help=tip, key=key,
            )  # fmt: skip
        elif isinstance(s.value, list):
            text = grid[n % 3].text_input(
                label + ", comma separated", value=", ".join(map(str, s.value)), help=tip, key=key
            )
            new_values[s.name] = [x.strip() for x in text.split(",") if x.strip()]
        else:
            new_values[s.name] = grid[n % 3].text_input(label, value=str(s.value), help=tip, key=key)
    edited = st.data_editor(
        targets,
        hide_index=True,
        num_rows="dynamic",
        key="policy_targets",
        column_config={
            "green": st.column_config.NumberColumn(min_value=0.0, max_value=1.0, step=0.01, format="%.2f"),
            "amber": st.column_config.NumberColumn(min_value=0.0, max_value=1.0, step=0.01, format="%.2f"),
        },
    )
    admin = data.is_administrator()
    saved = st.form_submit_button("Save the local policy", type="primary", disabled=not admin)
    if not admin:
        st.caption(f"You can read the policy, but not save it. {data.NOT_ADMINISTRATOR}")

if saved and admin:
    new_targets = {
        r["indicator"]: {"green": float(r["green"]), "amber": float(r["amber"])}
        for r in (edited.to_dicts() if isinstance(edited, pl.DataFrame) else edited.to_dict("records"))
        if r.get("indicator") and r.get("green") is not None
    }
    if "default" not in new_targets:
        st.error("The 'default' target row is needed: it applies to every indicator not listed.")
    else:
        save_policy(new_values, new_targets, target_file)
        data.log_event("policy_save")
        try:
            after = data.policy()
        except ValueError as exc:
            st.error(f"Saved, but the file does not read back: {exc}")
        else:
            st.success(f"Saved to {target_file}. Policy now {after.label}; every page uses it.")
