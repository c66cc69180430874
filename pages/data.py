"""Data: upload an extract, see the validation report BEFORE anything is replaced, then load.

The loader (oversight.load) checks everything first and swaps the new database in with one
rename, so a refused load leaves the current data as it was. The load history is kept beside
the database.
"""

from pathlib import Path

import polars as pl
import streamlit as st

from oversight import access_log, uploads
from oversight import load as loader
from oversight.ui import data, widgets

widgets.through_app()
st.title("Data")
if data.has_database():
    widgets.banner()
else:
    st.info("No data loaded yet. Upload an extract below.")
admin = data.is_administrator()
if not admin:
    st.info(f"You can see the load history, but not load data. {data.NOT_ADMINISTRATOR}")

PROFILES_DIR = Path(__file__).resolve().parent.parent / "profiles"
UPLOAD_KEY, REPORT_KEY = "data_upload_dir", "data_report"


def problems_frame(problems) -> pl.DataFrame:
    return pl.DataFrame(
        [{"file": p.file, "row": p.row, "column": p.column, "value": p.value, "problem": p.expected} for p in problems],
        schema={"file": pl.String, "row": pl.Int64, "column": pl.String, "value": pl.String, "problem": pl.String},
    )


def show_report(report) -> None:
    if report.row_counts:
        files = getattr(report, "files", {}) or {}
        enc = report.encodings or {}
        tables = list(report.row_counts)
        st.dataframe(
            pl.DataFrame(
                {
                    "table": tables,
                    "rows": list(report.row_counts.values()),
                    "from": [files.get(t, "") for t in tables],
                    "encoding": [enc.get(files.get(t, ""), enc.get(t, "")) for t in tables],
                }
            ),
            hide_index=True,
            height=38 + 35 * len(tables),
        )
    if report.errors:
        st.error(
            f"{len(report.errors)} problem(s) must be fixed before this extract can be loaded. "
            "Nothing has been replaced."
        )
        st.dataframe(problems_frame(report.errors), hide_index=True)
    if report.warnings:
        st.warning(f"{len(report.warnings)} warning(s): the extract can be loaded, but read these.")
        st.dataframe(problems_frame(report.warnings), hide_index=True)
    with st.expander("The full report as text"):
        st.code(report.render(), language=None)


st.header("1. Upload an extract")
st.caption(
    "Either the CSV files (one per table, named <table>.csv) or one .xlsx workbook with a sheet per table. "
    "No names or addresses of children: the loader refuses such columns."
)
files = st.file_uploader(
    "Extract files", type=["csv", "xlsx"], accept_multiple_files=True, key="data_files", disabled=not admin
)
if files:
    # says what arrived, so a user (and the browser test) can see every file is in before checking
    # a file uploaded again under the same name replaces the earlier one (see stage_upload)
    names = sorted({f.name for f in files})
    st.caption(f"{len(names)} file(s) ready to check: " + ", ".join(names))
profiles = sorted(PROFILES_DIR.glob("*.toml")) if PROFILES_DIR.exists() else []
profile_choice = st.selectbox(
    "Mapping profile (how your system's columns and values map to the contract)",
    [None, *profiles, "upload"],
    format_func=lambda p: (
        "canonical (no mapping)" if p is None else "upload my own profile" if p == "upload" else p.name
    ),
    key="data_profile",
)
profile_upload = None
if profile_choice == "upload":
    profile_upload = st.file_uploader("Profile (.toml)", type=["toml"], key="data_profile_file")


def discard_upload() -> None:
    """The staged files go as soon as they are not needed (see oversight.uploads)."""
    staged = st.session_state.pop(UPLOAD_KEY, None)
    if staged is not None:
        staged.discard()


def stage_upload() -> tuple[Path | None, Path | None]:
    """Write the uploads to a fresh folder: the loader reads files, not memory."""
    discard_upload()
    xlsx = [f for f in files if f.name.lower().endswith(".xlsx")]
    if xlsx and len(files) > 1:
        st.error("Upload either CSV files or one .xlsx workbook, not both.")
        return None, None
    if profile_choice == "upload" and profile_upload is None:
        st.error("Choose the profile file to upload, or another profile.")
        return None, None
    try:
        staged = uploads.stage(
            [(f.name, f.getvalue()) for f in files],
            profile_upload.getvalue() if profile_choice == "upload" else None,
        )
    except (uploads.TooLarge, uploads.BadName) as exc:
        st.error(f"Not uploaded: {exc}")
        return None, None
    st.session_state[UPLOAD_KEY] = staged  # the session ending removes the folder too
    source = staged.folder / Path(xlsx[0].name).name if xlsx else staged.folder
    profile = None
    if profile_choice == "upload":
        profile = staged.folder / "profile.toml"
    elif profile_choice is not None:
        profile = Path(profile_choice)
    return source, profile


st.header("2. Check it")
if st.button("Check the extract", disabled=not files or not admin, type="primary"):
    source, profile = stage_upload()
    if source is not None:
        with st.spinner("Checking every table..."):
            _frames, report = loader.validate_extract(source, profile)
        st.session_state[REPORT_KEY] = (str(source), str(profile) if profile else None, report)
        if not report.ok:
            discard_upload()  # refused: nothing will be loaded from these files

checked = st.session_state.get(REPORT_KEY)
if checked:
    source_text, profile_text, report = checked
    st.markdown(
        f"Report for **{Path(source_text).name if source_text.endswith('.xlsx') else 'the uploaded CSVs'}**"
        f" with profile **{Path(profile_text).name if profile_text else 'canonical'}**:"
    )
    show_report(report)

    st.header("3. Load it")
    if report.ok:
        st.caption("Loading replaces the data everyone sees. Until then the current data stays in place.")
        if st.button("Load this extract and replace the current data", type="primary", disabled=not admin):
            # read from the session each time, never kept in a page global: the session ending
            # must drop the last reference to the staged folder (see oversight.uploads)
            if not (UPLOAD_KEY in st.session_state and st.session_state[UPLOAD_KEY].exists()):
                st.session_state.pop(REPORT_KEY, None)
                st.error("The uploaded files are no longer on the server: upload and check them again.")
            else:
                bar = st.progress(0.0, text="Loading...")
                try:
                    result = loader.load_extract(
                        Path(source_text),
                        Path(profile_text) if profile_text else None,
                        db=data.database_path(),
                        progress=lambda m, f: bar.progress(min(max(float(f), 0.0), 1.0), text=m),
                    )
                finally:
                    discard_upload()  # loaded or refused, the staged copy is not needed any more
                bar.empty()
                data.log_event("load", rows=sum(result.row_counts.values()), reason=None if result.ok else "refused")
                if result.ok:
                    data.clear_caches()
                    st.session_state.pop(REPORT_KEY, None)
                    st.session_state["reset_view"] = True
                    st.success(f"Loaded: {sum(result.row_counts.values()):,} rows. The pages now show the new data.")
                else:
                    st.error("The load was refused; the current data is unchanged.")
                    show_report(result)
    else:
        st.info("Fix the problems listed and upload again: nothing has been replaced.")

st.header("Load history")
history = loader.read_load_log(data.database_path())
if history.height:
    readable = loader.history_table(history)
    st.caption("Newest first. The rows each table held follow the totals, one column a table.")
    st.dataframe(
        readable,
        hide_index=True,
        key="data_load_history",
        column_config={
            "when": st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm"),
            loader.WHO_LABEL: st.column_config.TextColumn(help=loader.WHO_HELP),
            "seconds": st.column_config.NumberColumn(format="%.1f"),
            **{
                t: st.column_config.NumberColumn(format="localized")
                for t in readable.columns
                if t not in loader.HISTORY_COLUMNS
            },
            "rows in all": st.column_config.NumberColumn(format="localized"),
        },
    )
else:
    st.caption("No loads recorded yet for this database.")

st.header("Access log")
if admin:
    st.caption(
        "Who signed in or was refused, opened which case, downloaded what, built a pack, loaded data or saved "
        "the policy; newest first. It is kept beside the database and outlives every load."
    )
    st.dataframe(
        access_log.read(data.database_path()),
        hide_index=True,
        key="data_access_log",
        column_config={"when": st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm:ss")},
    )
else:
    st.caption(f"The access log is for administrators. {data.NOT_ADMINISTRATOR}")
