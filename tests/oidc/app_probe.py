"""A minimal page that shows who is signed in: the sign-in path (st.login through a real
provider) tested on its own, before the real app's gate uses it."""

import streamlit as st

from oversight.access import exposed_without_signin, mode
from oversight.identity import current

st.title("Sign-in probe")
st.caption(f"mode: {mode()}")
st.caption(f"exposed without sign-in: {exposed_without_signin()}")
me = current(mode() == "signed_in")
if me is None:
    st.write("Signed out")
    if st.button("Log in"):
        st.login()
else:
    st.write(f"Signed in as {me.who}")
    st.write(f"provider email: {st.user.get('email')}")
    if me.signed_in and st.button("Log out"):
        st.logout()
