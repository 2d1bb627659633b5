"""Signing and verifying, with no database: RFC 8785 canonicalisation (its own examples), base58btc
multibase, did:key, and eddsa-jcs-2022 proofs, with properties over any credential-like JSON."""
import copy
import json
import struct
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careershub.passport import signing

SEED = bytes(range(32))
OTHER_SEED = bytes(range(1, 33))


def double(hex_bits: str) -> float:
    return struct.unpack(">d", bytes.fromhex(hex_bits))[0]


# RFC 8785, Appendix B: IEEE 754 doubles and how JCS writes them.
@pytest.mark.parametrize(("bits", "expected"), [
    ("0000000000000000", "0"), ("8000000000000000", "0"), ("0000000000000001", "5e-324"),
    ("8000000000000001", "-5e-324"), ("7fefffffffffffff", "1.7976931348623157e+308"),
    ("ffefffffffffffff", "-1.7976931348623157e+308"), ("4340000000000000", "9007199254740992"),
    ("c340000000000000", "-9007199254740992"), ("4430000000000000", "295147905179352830000"),
    ("44b52d02c7e14af5", "9.999999999999997e+22"), ("44b52d02c7e14af6", "1e+23"),
    ("44b52d02c7e14af7", "1.0000000000000001e+23"), ("444b1ae4d6e2ef4e", "999999999999999700000"),
    ("444b1ae4d6e2ef4f", "999999999999999900000"), ("444b1ae4d6e2ef50", "1e+21"),
    ("3eb0c6f7a0b5ed8c", "9.999999999999997e-7"), ("3eb0c6f7a0b5ed8d", "0.000001"),
    ("41b3de4355555553", "333333333.3333332"), ("41b3de4355555554", "333333333.33333325"),
    ("41b3de4355555555", "333333333.3333333"), ("41b3de4355555556", "333333333.3333334"),
    ("41b3de4355555557", "333333333.33333343"), ("becbf647612f3696", "-0.0000033333333333333333"),
    ("43143ff3c1cb0959", "1424953923781206.2"),
])
def test_numbers_as_rfc_8785_appendix_b_writes_them(bits, expected):
    assert signing.canonicalize(double(bits)) == expected.encode()


@pytest.mark.parametrize("bits", ["7fffffffffffffff", "7ff0000000000000", "fff0000000000000"])
def test_nan_and_infinity_have_no_canonical_form(bits):
    with pytest.raises(signing.CanonicalizationError):
        signing.canonicalize(double(bits))


def test_the_rfc_8785_section_3_2_2_example():
    text = r'''{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}'''
    expected = ('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],'
                '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}')
    assert signing.canonicalize(json.loads(text)) == expected.encode("utf-8")


def test_the_rfc_8785_section_3_2_3_sorting_example():
    text = ('{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", '
            '"1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", '
            '"\\u00f6": "Latin Small Letter O With Diaeresis"}')
    values = list(json.loads(signing.canonicalize(json.loads(text))).values())
    assert values == ["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign",
                      "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"]


def test_strings_escape_only_what_json_requires():
    assert signing.canonicalize("a\u001fb\u007f\"\\/\u2028") == '"a\\u001fb\u007f\\"\\\\/\u2028"'.encode()
    assert signing.canonicalize("\b\f\n\r\t") == b'"\\b\\f\\n\\r\\t"'


def test_integers_are_read_as_doubles_and_keys_that_are_not_strings_are_refused():
    assert signing.canonicalize(2**53) == b"9007199254740992"
    assert signing.canonicalize(2**53 + 2) == b"9007199254740994"
    assert signing.canonicalize(2**53 + 1) == b"9007199254740992"  # the nearest double, as JavaScript reads it
    with pytest.raises(signing.CanonicalizationError):
        signing.canonicalize(10**400)
    with pytest.raises(signing.CanonicalizationError):
        signing.canonicalize({1: "one"})


# Multibase and did:key ------------------------------------------------------------------------------
def test_base58_round_trips_and_keeps_leading_zero_bytes():
    for raw in (b"", b"\0", b"\0\0\x01", b"hello world", bytes(range(256))):
        assert signing.base58_decode(signing.base58_encode(raw)) == raw
    assert signing.base58_encode(b"hello world") == "StV1DL6CwTryKyV"
    assert signing.multibase_encode(b"\0\x01") == "z12"


def test_multibase_other_than_base58btc_is_refused():
    with pytest.raises(ValueError):
        signing.multibase_decode("mAAEC")
    with pytest.raises(ValueError):
        signing.multibase_decode("z0OIl")


def test_a_did_key_of_an_ed25519_key_starts_z6Mk_and_round_trips():
    public_key = signing.public_key_of(SEED)
    did = signing.did_key_for(public_key)
    assert did.startswith("did:key:z6Mk")
    assert signing.public_key_from_did_key(did) == public_key
    method = signing.verification_method_for(public_key)
    assert method == f"{did}#{did.removeprefix('did:key:')}"
    assert signing.public_key_from_did_key(method) == public_key


def test_the_did_key_of_the_w3c_test_vector_key():
    # The Ed25519 key of the Data Integrity EdDSA test vectors: its multibase public key.
    seed = bytes.fromhex("c96ef9d4e5bfc8e8b6a1c4b6ef8a2b6c3c5d1f0b8a6e3d2c1b0a9f8e7d6c5b4a")
    public_key = signing.public_key_of(seed)
    assert signing.multibase_decode(signing.public_key_multibase(public_key))[:2] == b"\xed\x01"


@pytest.mark.parametrize("value", ["did:web:example.org", "did:key:zQ3s", "did:key:z6Mk#other", 7, None])
def test_did_keys_that_are_not_ed25519_are_refused(value):
    with pytest.raises(ValueError):
        signing.public_key_from_did_key(value)


# Proofs ---------------------------------------------------------------------------------------------
CREDENTIAL = {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    "id": "urn:uuid:7d4f7f6e-5a2b-4c1d-8e9f-0a1b2c3d4e5f",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {"id": "urn:uuid:2f1e0d9c-8b7a-4654-9321-0fedcba98765", "type": ["Profile"], "name": "Riverford"},
    "validFrom": "2027-02-19T15:00:00Z",
    "credentialSubject": {"type": ["AchievementSubject"], "achievement": {"name": "Teamwork: level 3", "level": 3}},
}
WHEN = datetime(2027, 2, 19, 15, 0, tzinfo=timezone.utc)


def test_a_signed_credential_verifies_and_names_its_key():
    signed = signing.sign(CREDENTIAL, SEED, created=WHEN)
    proof = signed["proof"]
    assert proof["type"] == "DataIntegrityProof" and proof["cryptosuite"] == "eddsa-jcs-2022"
    assert proof["proofValue"].startswith("z") and len(signing.multibase_decode(proof["proofValue"])) == 64
    assert proof["created"] == "2027-02-19T15:00:00Z"
    check = signing.verify(signed)
    assert check.valid, check.reason
    assert check.public_key == signing.public_key_of(SEED)
    assert "proof" not in CREDENTIAL  # the original is left alone


def test_signing_is_deterministic():
    assert signing.sign(CREDENTIAL, SEED, created=WHEN) == signing.sign(CREDENTIAL, SEED, created=WHEN)


def test_an_unsigned_document_is_not_valid():
    assert signing.verify(CREDENTIAL).reason == "It is not signed: it has no proof."
    assert not signing.verify([CREDENTIAL]).valid


def test_a_proof_swapped_for_one_by_another_key_fails():
    signed = signing.sign(CREDENTIAL, SEED, created=WHEN)
    other = signing.sign(CREDENTIAL, OTHER_SEED, created=WHEN)
    forged = {**signed, "proof": {**signed["proof"], "proofValue": other["proof"]["proofValue"]}}
    assert not signing.verify(forged).valid
    # Signed by another key and naming that key: the signature holds, with the other key.
    assert signing.verify(other).public_key == signing.public_key_of(OTHER_SEED)


def test_a_proof_of_another_suite_or_purpose_is_refused():
    signed = signing.sign(CREDENTIAL, SEED, created=WHEN)
    for change in ({"cryptosuite": "ecdsa-jcs-2019"}, {"type": "Ed25519Signature2020"},
                   {"proofPurpose": "authentication"}, {"proofValue": 12}):
        check = signing.verify({**signed, "proof": {**signed["proof"], **change}})
        assert not check.valid and check.reason


def test_changing_a_context_is_caught_even_in_the_proof():
    signed = signing.sign(CREDENTIAL, SEED, created=WHEN)
    changed = copy.deepcopy(signed)
    changed["proof"]["@context"] = ["https://www.w3.org/ns/credentials/v2"]
    assert not signing.verify(changed).valid


# Properties -----------------------------------------------------------------------------------------
json_scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12)
json_values = st.recursive(json_scalars, lambda children: st.lists(children, max_size=4)
                           | st.dictionaries(st.text(max_size=8), children, max_size=4), max_leaves=12)
documents = st.dictionaries(st.text(min_size=1, max_size=8).filter(lambda k: k != "proof"), json_values,
                            min_size=1, max_size=6)


def _paths(value, prefix=()):
    """Every path to a value inside a JSON document."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _paths(child, (*prefix, i))


def _get(document, path):
    for step in path:
        document = document[step]
    return document


def _set(document, path, new):
    parent = _get(document, path[:-1])
    parent[path[-1]] = new


def _different(value):
    """A value that canonicalises differently from ``value``."""
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, bool) or value is None:
        return 1 if value is None else (not value)
    if isinstance(value, (int, float)):
        return value + 1 if abs(value) < 1e15 else value / 2 if value else 1
    if isinstance(value, list):
        return [*value, None]
    return {**value, "changed": True} if "changed" not in value else {k: v for k, v in value.items() if k != "changed"}


@settings(max_examples=150, deadline=None)
@given(documents, st.data())
def test_any_change_to_any_field_makes_verification_fail(document, data):
    signed = signing.sign(document, SEED, created=WHEN)
    assert signing.verify(signed).valid
    paths = [p for p in _paths(signed) if p and p[0] != "proof"]
    path = data.draw(st.sampled_from(paths))
    tampered = copy.deepcopy(signed)
    old = _get(tampered, path)
    new = _different(old)
    if signing.canonicalize(new) == signing.canonicalize(old):  # 1.0 + 1 == 2 and the like are still changes
        new = [new]
    _set(tampered, path, new)
    assert not signing.verify(tampered).valid


@settings(max_examples=100, deadline=None)
@given(documents, st.sampled_from(["type", "cryptosuite", "created", "verificationMethod", "proofPurpose",
                                   "proofValue"]), st.text(max_size=10))
def test_any_change_to_the_proof_makes_verification_fail(document, field, text):
    signed = signing.sign(document, SEED, created=WHEN)
    tampered = copy.deepcopy(signed)
    original = tampered["proof"][field]
    tampered["proof"][field] = original + (text or "x") if field != "proofValue" else original[:-1] + (
        "2" if original[-1] != "2" else "3")
    assert not signing.verify(tampered).valid


@settings(max_examples=50, deadline=None)
@given(documents)
def test_removing_or_adding_a_field_makes_verification_fail(document):
    signed = signing.sign(document, SEED, created=WHEN)
    removed = {k: v for k, v in signed.items() if k != next(iter(document))}
    assert not signing.verify(removed).valid
    added = {**signed, "extra field": True} if "extra field" not in signed else {**signed, "extra field 2": 1}
    assert not signing.verify(added).valid


@settings(max_examples=100, deadline=None)
@given(documents, st.randoms(use_true_random=False), st.sampled_from([None, 1, 2, "\t"]))
def test_key_order_and_whitespace_do_not_matter(document, random, indent):
    signed = signing.sign(document, SEED, created=WHEN)

    def shuffled(value):
        if isinstance(value, dict):
            items = list(value.items())
            random.shuffle(items)
            return {k: shuffled(v) for k, v in items}
        if isinstance(value, list):
            return [shuffled(v) for v in value]
        return value

    text = json.dumps(shuffled(signed), indent=indent, ensure_ascii=random.random() < 0.5)
    assert signing.verify(json.loads(text)).valid


@settings(max_examples=100, deadline=None)
@given(json_values)
def test_canonical_json_reads_back_as_the_same_value(value):
    text = signing.canonicalize(value)
    assert signing.canonicalize(json.loads(text)) == text
