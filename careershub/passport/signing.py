"""Signing and verifying credentials: W3C Data Integrity proofs with the eddsa-jcs-2022 cryptosuite.

No Django: plain functions on plain JSON values, so that a credential can be checked anywhere (the
signature needs nothing but the credential itself, since the public key travels in its did:key).

- ``canonicalize``: the JSON Canonicalization Scheme (RFC 8785): object members sorted by their
  names' UTF-16 code units, no whitespace, strings with the fewest escapes, numbers as ECMAScript
  writes them. Two JSON texts that mean the same thing canonicalize to the same bytes.
- ``multibase_encode`` / ``multibase_decode``: base58btc (the Bitcoin alphabet) with the "z" prefix.
- ``did_key_for`` / ``public_key_from_did_key``: did:key identifiers of Ed25519 public keys (the
  multicodec ed25519-pub prefix 0xed 0x01 before the 32 bytes of the key).
- ``sign`` / ``verify``: the proof of the eddsa-jcs-2022 cryptosuite (Data Integrity EdDSA
  Cryptosuites v1.0): SHA-256 of the canonical proof options, then SHA-256 of the canonical document
  without its proof, signed together with Ed25519; the signature is the proof's ``proofValue``.
"""
from __future__ import annotations

import copy
import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timezone

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-jcs-2022"
PROOF_PURPOSE = "assertionMethod"
ED25519_PUB_MULTICODEC = b"\xed\x01"
SEED_BYTES = 32
BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {c: i for i, c in enumerate(BASE58_ALPHABET)}


class CanonicalizationError(ValueError):
    """A value that has no canonical JSON form (NaN, infinity, a key that is not a string...)."""


# RFC 8785 ---------------------------------------------------------------------------------------------
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _string(value: str) -> str:
    parts = ['"']
    for char in value:
        if char in _SHORT_ESCAPES:
            parts.append(_SHORT_ESCAPES[char])
        elif ord(char) < 0x20:
            parts.append(f"\\u{ord(char):04x}")
        else:
            parts.append(char)
    parts.append('"')
    return "".join(parts)


def _number(value: float) -> str:
    """A double as ECMAScript's Number.prototype.toString writes it (ECMA-262, Number::toString)."""
    if math.isnan(value) or math.isinf(value):
        raise CanonicalizationError("NaN and infinity have no JSON form")
    if value == 0:
        return "0"  # -0 too
    sign = "-" if value < 0 else ""
    # Python's repr is the shortest string that reads back as the same double, as ECMAScript's is;
    # take its digits and decimal exponent and lay them out by ECMAScript's rules.
    text = repr(abs(value))
    mantissa, _, exponent = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    # n: the position of the decimal point relative to the first significant digit.
    point = len(whole) + (int(exponent) if exponent else 0)
    leading_zeros = len(whole + fraction) - len((whole + fraction).lstrip("0"))
    n = point - leading_zeros
    digits = digits.rstrip("0") or "0"
    k = len(digits)
    if k <= n <= 21:
        body = digits + "0" * (n - k)
    elif 0 < n <= 21:
        body = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        body = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        mark = f"e{'+' if e >= 0 else '-'}{abs(e)}"
        body = (digits if k == 1 else digits[0] + "." + digits[1:]) + mark
    return sign + body


def _utf16_key(name: str) -> bytes:
    return name.encode("utf-16-be")


def _serialize(value, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        # A JSON number is a double (RFC 8785 section 3.2.2.3): an integer is read as the nearest
        # double, as an ECMAScript parser would read it.
        try:
            out.append(_number(float(value)))
        except OverflowError:
            raise CanonicalizationError(f"The integer {value} is too large for a JSON number") from None
    elif isinstance(value, float):
        out.append(_number(value))
    elif isinstance(value, str):
        out.append(_string(value))
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _serialize(item, out)
        out.append("]")
    elif isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                raise CanonicalizationError("Every object member's name must be a string")
        out.append("{")
        for i, key in enumerate(sorted(value, key=_utf16_key)):
            if i:
                out.append(",")
            out.append(_string(key))
            out.append(":")
            _serialize(value[key], out)
        out.append("}")
    else:
        raise CanonicalizationError(f"A {type(value).__name__} has no JSON form")


def canonicalize(value) -> bytes:
    """The RFC 8785 canonical form of a JSON value (as Python's json module reads one), in UTF-8."""
    out: list[str] = []
    _serialize(value, out)
    try:
        return "".join(out).encode("utf-8")
    except UnicodeEncodeError:
        raise CanonicalizationError("The value holds a lone surrogate, which UTF-8 cannot carry") from None


# Multibase and did:key --------------------------------------------------------------------------------
def base58_encode(raw: bytes) -> str:
    number = int.from_bytes(raw, "big")
    chars = []
    while number:
        number, remainder = divmod(number, 58)
        chars.append(BASE58_ALPHABET[remainder])
    zeros = len(raw) - len(raw.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(chars))


def base58_decode(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in _BASE58_INDEX:
            raise ValueError(f"‘{char}’ is not a base58 character")
        number = number * 58 + _BASE58_INDEX[char]
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def multibase_encode(raw: bytes) -> str:
    """base58btc multibase: "z" then the base58 text."""
    return "z" + base58_encode(raw)


def multibase_decode(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("z"):
        raise ValueError("Only base58btc multibase values (starting ‘z’) are accepted")
    return base58_decode(text[1:])


def public_key_multibase(public_key: bytes) -> str:
    if len(public_key) != 32:
        raise ValueError("An Ed25519 public key is 32 bytes")
    return multibase_encode(ED25519_PUB_MULTICODEC + public_key)


def did_key_for(public_key: bytes) -> str:
    return "did:key:" + public_key_multibase(public_key)


def verification_method_for(public_key: bytes) -> str:
    """The did:key's one verification method: the DID, "#", and the key's multibase again."""
    fingerprint = public_key_multibase(public_key)
    return f"did:key:{fingerprint}#{fingerprint}"


def public_key_from_did_key(value: str) -> bytes:
    """The Ed25519 public key in a did:key (or one of its verification method URLs)."""
    if not isinstance(value, str) or not value.startswith("did:key:z"):
        raise ValueError("The verification method is not a did:key")
    did, _, fragment = value.partition("#")
    fingerprint = did.removeprefix("did:key:")
    if fragment and fragment != fingerprint:
        raise ValueError("The did:key's fragment does not name its own key")
    raw = multibase_decode(fingerprint)
    if not raw.startswith(ED25519_PUB_MULTICODEC) or len(raw) != 34:
        raise ValueError("The did:key is not an Ed25519 public key")
    return raw[2:]


# Keys ----------------------------------------------------------------------------------------------
def new_seed() -> bytes:
    """A fresh Ed25519 private key, as its 32-byte seed."""
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def public_key_of(seed: bytes) -> bytes:
    if len(seed) != SEED_BYTES:
        raise ValueError("An Ed25519 private key seed is 32 bytes")
    return Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


# Proofs --------------------------------------------------------------------------------------------
def _hash_data(document: dict, proof_config: dict) -> bytes:
    return hashlib.sha256(canonicalize(proof_config)).digest() + hashlib.sha256(canonicalize(document)).digest()


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def sign(document: dict, seed: bytes, *, created: datetime | None = None) -> dict:
    """A copy of ``document`` with an eddsa-jcs-2022 proof made with the private key ``seed``."""
    if "proof" in document:
        raise ValueError("The document already has a proof")
    unsecured = copy.deepcopy(document)
    public_key = public_key_of(seed)
    proof = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": _timestamp(created or datetime.now(timezone.utc)),
        "verificationMethod": verification_method_for(public_key),
        "proofPurpose": PROOF_PURPOSE,
    }
    if "@context" in unsecured:
        proof["@context"] = copy.deepcopy(unsecured["@context"])
    signature = Ed25519PrivateKey.from_private_bytes(seed).sign(_hash_data(unsecured, proof))
    proof["proofValue"] = multibase_encode(signature)
    return {**unsecured, "proof": proof}


@dataclass(frozen=True)
class ProofCheck:
    """Whether a document's proof holds: ``valid``, and if not, why in plain words; the public key
    the proof names when it could be read."""

    valid: bool
    reason: str = ""
    public_key: bytes | None = None


def verify(document) -> ProofCheck:
    """Check a document's eddsa-jcs-2022 proof. Never raises on bad input: says what is wrong."""
    if not isinstance(document, dict):
        return ProofCheck(False, "It is not a credential: a credential is a JSON object.")
    proof = document.get("proof")
    if proof is None:
        return ProofCheck(False, "It is not signed: it has no proof.")
    if not isinstance(proof, dict):
        return ProofCheck(False, "Its proof is not in a form Careers Hub can check (one proof, as a JSON object).")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        return ProofCheck(False, f"Its proof is not a {PROOF_TYPE} of the {CRYPTOSUITE} cryptosuite.")
    if proof.get("proofPurpose") != PROOF_PURPOSE:
        return ProofCheck(False, "Its proof is not for asserting the credential (proofPurpose assertionMethod).")
    proof_value = proof.get("proofValue")
    if not isinstance(proof_value, str):
        return ProofCheck(False, "Its proof has no signature (proofValue).")
    try:
        public_key = public_key_from_did_key(proof.get("verificationMethod"))
    except ValueError as error:
        return ProofCheck(False, f"Its signing key cannot be read: {error}.")
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    proof_config = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in proof_config and proof_config["@context"] != unsecured.get("@context"):
        return ProofCheck(False, "Its proof was made for a document with different contexts.", public_key)
    try:
        signature = multibase_decode(proof_value)
        hash_data = _hash_data(unsecured, proof_config)
    except (ValueError, CanonicalizationError) as error:
        return ProofCheck(False, f"It cannot be checked: {error}.", public_key)
    if len(signature) != 64:
        return ProofCheck(False, "Its signature is not an Ed25519 signature (64 bytes).", public_key)
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, hash_data)
    except InvalidSignature:
        return ProofCheck(
            False, "The signature does not match: the credential has been changed since it was signed, "
                   "or it was not signed with the key it names.", public_key,
        )
    return ProofCheck(True, "", public_key)
