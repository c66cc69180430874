"""The access file, the two modes and each kind of person's scope (oversight/access.py)."""

from __future__ import annotations

import pytest

from oversight.access import (
    NO_ACCESS_FILE,
    AccessFileError,
    access_file_path,
    auth_configured,
    exposed_without_signin,
    is_loopback,
    load_access,
    mode,
    no_access_message,
    resolve,
)
from oversight.identity import from_user_info, single_user
from tests.oidc.people import ACCESS_TOML, ALL_STAFF, PEOPLE, extract

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "oversight",
    "client_secret": "s",
    "server_metadata_url": "http://127.0.0.1:9000/.well-known/openid-configuration",
}


def write(tmp_path, text: str):
    path = tmp_path / "access.toml"
    path.write_text(text, encoding="utf-8")
    return path


# ---- the access file ------------------------------------------------------------------------


def test_the_example_file_reads(tmp_path):
    policy = load_access(write(tmp_path, ACCESS_TOML))
    assert policy.whole_service_role("PERF@example.org ") == "performance_officers"
    assert policy.whole_service_role("tm1@example.org") is None
    assert policy.is_administrator("admin@EXAMPLE.org") and not policy.is_administrator("perf@example.org")
    assert policy.contact.startswith("the Performance team")


def test_the_committed_example_reads(tmp_path):
    from oversight.access import DEFAULT_ACCESS_FILE

    policy = load_access(DEFAULT_ACCESS_FILE.with_name("access.example.toml"))
    assert policy.whole_service and policy.administrators


def test_no_access_file_grants_nothing(tmp_path):
    policy = load_access(tmp_path / "absent.toml")
    assert policy == NO_ACCESS_FILE
    assert policy.whole_service_role("perf@example.org") is None and not policy.is_administrator("a@b.c")


def test_the_file_in_force_can_be_named(tmp_path, monkeypatch):
    monkeypatch.setenv("OVERSIGHT_ACCESS", str(tmp_path / "elsewhere.toml"))
    assert access_file_path() == tmp_path / "elsewhere.toml"


def test_a_toml_syntax_error_is_refused_naming_the_file_and_line(tmp_path):
    with pytest.raises(AccessFileError) as err:
        load_access(write(tmp_path, 'contact = "x"\nadministrators = = 1\n'))
    [problem] = err.value.problems
    assert problem.startswith("access.toml: not valid TOML") and "line 2" in problem


def test_every_wrong_key_and_entry_is_refused_at_once(tmp_path):
    text = """\
administrator = ["typo@example.org"]
administrators = "admin@example.org"
contact = ""

[whole_service]
auditors = ["ok@example.org", "not an email", 7, "two@@example.org"]
performance_officers = "perf@example.org"
"""
    with pytest.raises(AccessFileError) as err:
        load_access(write(tmp_path, text))
    assert err.value.problems == [
        "access.toml: key 'administrator': not a setting of the access file (administrators, whole_service, contact)",
        "access.toml: key 'contact': a line of text saying whom to ask for access",
        "access.toml: key 'administrators': a list of email addresses",
        "access.toml: key 'whole_service.auditors', entry 2: an email address (one @, no spaces)",
        "access.toml: key 'whole_service.auditors', entry 3: an email address (one @, no spaces)",
        "access.toml: key 'whole_service.auditors', entry 4: an email address (one @, no spaces)",
        "access.toml: key 'whole_service.performance_officers': a list of email addresses",
    ]
    # the refusal quotes positions, never the entries themselves
    assert "not an email" not in str(err.value)


def test_whole_service_must_be_a_table_of_roles(tmp_path):
    with pytest.raises(AccessFileError, match="whole_service"):
        load_access(write(tmp_path, 'whole_service = ["perf@example.org"]\n'))


def test_a_file_that_is_not_text_is_refused(tmp_path):
    path = tmp_path / "access.toml"
    path.write_bytes(b"\xff\xfe\x00a")
    with pytest.raises(AccessFileError, match="access.toml: not UTF-8"):
        load_access(path)


# ---- modes ----------------------------------------------------------------------------------


def test_sign_in_is_configured_only_with_a_complete_auth_section():
    assert auth_configured({"auth": AUTH})
    named = {k: AUTH[k] for k in ("redirect_uri", "cookie_secret")}
    named["microsoft"] = {k: AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")}
    assert auth_configured({"auth": named})
    assert not auth_configured({})
    assert not auth_configured({"auth": {**AUTH, "cookie_secret": ""}})
    assert not auth_configured({"auth": {k: v for k, v in AUTH.items() if k != "client_id"}})
    assert mode({"auth": AUTH}) == "signed_in" and mode({}) == "single_user"


@pytest.mark.parametrize(
    ("address", "loopback"),
    [("127.0.0.1", True), ("::1", True), ("[::1]", True), ("localhost", True), ("127.0.0.2", True),
     ("0.0.0.0", False), ("", False), (None, False), ("192.168.1.5", False), ("oversight.council.gov.uk", False)],
)  # fmt: skip
def test_loopback_addresses(address, loopback):
    assert is_loopback(address) is loopback


def test_single_user_mode_beyond_this_machine_is_exposed():
    assert exposed_without_signin("0.0.0.0", {})
    assert exposed_without_signin("", {})
    assert not exposed_without_signin("127.0.0.1", {})
    assert not exposed_without_signin("0.0.0.0", {"auth": AUTH})


# ---- scope ----------------------------------------------------------------------------------


@pytest.fixture
def con(open_db):
    return open_db(extract())


@pytest.fixture
def policy(tmp_path):
    return load_access(write(tmp_path, ACCESS_TOML))


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p.kind)
def test_each_kind_of_person_gets_their_scope(con, policy, person):
    scope = resolve(con, from_user_info({"is_logged_in": True, "email": person.email}), policy)
    assert list(scope.staff_ids) == list(person.scope)
    assert scope.administrator is person.administrator
    assert scope.whole_service is (person.kind == "performance_officer")
    assert scope.sees_anything is bool(person.scope)
    assert scope.who == person.email.casefold()


def test_reasons_say_where_a_scope_came_from(con, policy):
    def reason(email):
        return resolve(con, from_user_info({"is_logged_in": True, "email": email}), policy).reason

    assert reason("perf@example.org") == "role:performance_officers"
    assert reason("tm2@example.org") == "line_management"
    assert reason("nobody@example.org") == "no_match"


def test_single_user_mode_sees_and_administers_everything(con):
    scope = resolve(con, single_user(), NO_ACCESS_FILE)
    assert list(scope.staff_ids) == ALL_STAFF and scope.whole_service and scope.administrator
    assert scope.reason == "single_user" and scope.who.startswith("os:")


def test_without_an_access_file_nobody_signed_in_reads_the_whole_service(con):
    scope = resolve(con, from_user_info({"is_logged_in": True, "email": "perf@example.org"}), NO_ACCESS_FILE)
    assert not scope.sees_anything and not scope.administrator


def test_the_no_access_message_says_whom_to_ask(policy):
    assert "ask the Performance team (performance@example.org)" in no_access_message(policy)
    assert "ask the person who runs Oversight" in no_access_message(NO_ACCESS_FILE)


def test_the_committed_secrets_example_configures_sign_in():
    import tomllib

    from oversight.access import DEFAULT_ACCESS_FILE

    example = DEFAULT_ACCESS_FILE.parents[1] / ".streamlit" / "secrets.example.toml"
    assert auth_configured(tomllib.loads(example.read_text()))
