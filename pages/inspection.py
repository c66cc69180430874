"""Inspection readiness page (placeholder; full page to follow)."""

import streamlit as st

st.title("Inspection readiness")
st.info("This page is being built.")
