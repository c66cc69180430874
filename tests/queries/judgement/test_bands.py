"""The case judgement's bands in words (queries.judgement.bands_text), as the page and the pack say them."""

from oversight.policy import DEFAULT_POLICY, load_policy
from queries.judgement import bands_text

POLICY = load_policy(DEFAULT_POLICY.with_suffix(".none"))


def test_the_bands_in_words_follow_the_policy(tmp_path):
    assert bands_text(POLICY) == "outstanding from 80%, good from 65%, requires improvement from 50%, inadequate below"
    local = tmp_path / "policy.toml"
    local.write_text("[settings.band_good]\nvalue = 0.7\n")
    assert "good from 70%," in bands_text(load_policy(local))
