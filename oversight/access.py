"""Who may see what: the two modes, the local access file, and each person's scope.

*Single user* (no ``[auth]`` in ``.streamlit/secrets.toml``): the app runs on one person's own
machine, listens on 127.0.0.1 only (``scripts/run``) and that person sees and administers
everything. *Signed in* (``[auth]`` configured, people sign in through ``st.login``): deny by
default. A signed-in person sees the cases of the staff in their scope: the staff record whose
email is theirs (casefolded) and everyone below it in the line-management chain
(``queries/access/allowed_staff.sql``). The access file (``data/access.toml`` unless
``OVERSIGHT_ACCESS`` names another; see ``data/access.example.toml``) is the only other source
of rights:

- ``[whole_service]``: named roles (performance officers, auditors...) whose members read every
  case in the service;
- ``administrators``: the only people who may load data and save the policy. Being an
  administrator grants no reading by itself: list the person in a whole-service role too;
- ``contact``: whom someone who signs in and matches nothing should ask (shown to them).

An access file that cannot be read is refused whole (:class:`AccessFileError`, naming the file and
key), never read in part: a typo must not quietly give or take away access.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import duckdb

from oversight.identity import Identity, normalise_email
from queries.runner import QUERIES_DIR, run

DEFAULT_ACCESS_FILE = Path(__file__).resolve().parent.parent / "data" / "access.toml"
ACCESS_ENV = "OVERSIGHT_ACCESS"
ALLOWED_STAFF_SQL = QUERIES_DIR / "access" / "allowed_staff.sql"
# Keys an [auth] section needs before sign-in counts as configured (Streamlit's own list).
AUTH_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")

Mode = Literal["single_user", "signed_in"]


class AccessFileError(Exception):
    """The access file cannot be used; ``problems`` lists every one, each naming file and key."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = Path(path)
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class AccessPolicy:
    """The access file as read: whole-service roles (role -> casefolded emails) and administrators."""

    whole_service: Mapping[str, frozenset[str]]
    administrators: frozenset[str]
    path: Path | None = None  # None when no access file exists
    contact: str | None = None

    def whole_service_role(self, email: str | None) -> str | None:
        """The first role (in file order) that grants ``email`` the whole service, if any."""
        if not email:
            return None
        key = normalise_email(email)
        return next((role for role, members in self.whole_service.items() if key in members), None)

    def is_administrator(self, email: str | None) -> bool:
        return bool(email) and normalise_email(email) in self.administrators


NO_ACCESS_FILE = AccessPolicy(whole_service={}, administrators=frozenset())


def access_file_path() -> Path:
    return Path(os.environ.get(ACCESS_ENV, DEFAULT_ACCESS_FILE))


def load_access(path: Path | None = None) -> AccessPolicy:
    """Read the access file (``access_file_path()`` by default).

    No file means no whole-service readers and no administrators. A file that exists but cannot
    be read or breaks a rule raises :class:`AccessFileError` listing every problem.
    """
    path = Path(path) if path is not None else access_file_path()
    if not path.exists():
        return NO_ACCESS_FILE
    name = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise AccessFileError(path, [f"{name}: not UTF-8 text"]) from None
    except tomllib.TOMLDecodeError as exc:
        # The message gives the line and column; it quotes no value from the file.
        raise AccessFileError(path, [f"{name}: not valid TOML: {exc}"]) from None
    except OSError as exc:
        raise AccessFileError(path, [f"{name}: cannot be read ({exc.strerror})"]) from None

    problems: list[str] = []
    for key in data:
        if key not in ("administrators", "whole_service", "contact"):
            problems.append(
                f"{name}: key {key!r}: not a setting of the access file (administrators, whole_service, contact)"
            )
    contact = data.get("contact")
    if contact is not None and (not isinstance(contact, str) or not contact.strip()):
        problems.append(f"{name}: key 'contact': a line of text saying whom to ask for access")
    administrators = _emails(data.get("administrators", []), "administrators", name, problems)
    roles: dict[str, frozenset[str]] = {}
    section = data.get("whole_service", {})
    if not isinstance(section, dict):
        problems.append(f"{name}: key 'whole_service': a table of roles, each a list of emails")
    else:
        for role, members in section.items():
            roles[role] = _emails(members, f"whole_service.{role}", name, problems)
    if problems:
        raise AccessFileError(path, problems)
    return AccessPolicy(whole_service=roles, administrators=administrators, path=path, contact=contact)


def _emails(value: object, key: str, name: str, problems: list[str]) -> frozenset[str]:
    if not isinstance(value, list):
        problems.append(f"{name}: key {key!r}: a list of email addresses")
        return frozenset()
    out = set()
    for i, item in enumerate(value):
        if not isinstance(item, str) or item.count("@") != 1 or any(c.isspace() for c in item.strip()):
            # The position, not the value: a wrong entry may be something other than an address.
            problems.append(f"{name}: key {key!r}, entry {i + 1}: an email address (one @, no spaces)")
        else:
            out.add(normalise_email(item))
    return frozenset(out)


# ---------------------------------------------------------------------------------------------
# Modes


def auth_configured(secrets: Mapping[str, object] | None = None) -> bool:
    """Sign-in is configured: ``[auth]`` has its own keys and one provider's (flat or named)."""
    if secrets is None:
        secrets = _streamlit_secrets()
    auth = secrets.get("auth") if secrets else None
    if not isinstance(auth, Mapping) or not all(auth.get(k) for k in AUTH_KEYS):
        return False
    if all(auth.get(k) for k in PROVIDER_KEYS):
        return True
    return any(isinstance(v, Mapping) and all(v.get(k) for k in PROVIDER_KEYS) for v in auth.values())


def _streamlit_secrets() -> Mapping[str, object]:
    import streamlit as st

    try:
        return {"auth": st.secrets["auth"].to_dict()} if "auth" in st.secrets else {}
    except Exception:  # noqa: BLE001 - no or unreadable secrets file: sign-in is not configured
        return {}


def mode(secrets: Mapping[str, object] | None = None) -> Mode:
    """``signed_in`` when ``[auth]`` is configured, else ``single_user``."""
    return "signed_in" if auth_configured(secrets) else "single_user"


def is_loopback(address: str | None) -> bool:
    """The server address reaches only this machine (empty means every interface: not loopback)."""
    if not address:
        return False
    if address.strip("[]").casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def server_address() -> str | None:
    import streamlit as st

    return st.get_option("server.address")


def exposed_without_signin(address: str | None = None, secrets: Mapping[str, object] | None = None) -> bool:
    """Single-user mode served beyond this machine: every page must then say so."""
    if address is None:
        address = server_address()
    return mode(secrets) == "single_user" and not is_loopback(address)


# ---------------------------------------------------------------------------------------------
# Scope


@dataclass(frozen=True)
class Scope:
    """What one person may see and do."""

    who: str  # as the access log records them
    staff_ids: tuple[str, ...]  # every staff id whose cases they see (all staff for whole service)
    whole_service: bool
    administrator: bool
    reason: str  # single_user | line_management | role:<name> | no_match

    @property
    def sees_anything(self) -> bool:
        return self.whole_service or bool(self.staff_ids)


def allowed_staff(
    con: duckdb.DuckDBPyConnection,
    email: str | None,
    *,
    whole_service: bool = False,
    today: dt.date | None = None,
) -> list[str]:
    """Staff ids in scope for ``email`` (casefolded), sorted; every staff id when ``whole_service``.
    A staff record that ended before ``today`` matches nobody."""
    params = {
        "email": normalise_email(email) if email else None,
        "whole_service": whole_service,
        "today": today or dt.date.today(),
    }
    frame = run(con, ALLOWED_STAFF_SQL.read_text(), params, name="access/allowed_staff")
    return frame.get_column("staff_id").to_list()


def resolve(
    con: duckdb.DuckDBPyConnection, identity: Identity, policy: AccessPolicy, today: dt.date | None = None
) -> Scope:
    """The scope of ``identity``: everything in single-user mode; otherwise deny by default."""
    if not identity.signed_in:
        return Scope(identity.who, tuple(allowed_staff(con, None, whole_service=True)), True, True, "single_user")
    role = policy.whole_service_role(identity.email)
    ids = allowed_staff(con, identity.email, whole_service=role is not None, today=today)
    reason = f"role:{role}" if role is not None else ("line_management" if ids else "no_match")
    return Scope(identity.who, tuple(ids), role is not None, policy.is_administrator(identity.email), reason)


def no_access_message(policy: AccessPolicy) -> str:
    """What someone signed in who matches nothing is told (they see no data)."""
    ask = policy.contact or "the person who runs Oversight for your service"
    return (
        "You are signed in, but your account is not linked to a member of staff with cases, and no "
        f"role in the access file gives you the whole service. To get access, ask {ask}."
    )
