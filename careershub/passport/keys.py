"""The partnership's Ed25519 signing key: made on first use and kept encrypted, or given in the
environment. Why and how to rotate: docs/decisions/0011-credential-signing.md.

The private key (its 32-byte seed) is stored encrypted with AES-256-GCM under a key derived from
Django's SECRET_KEY with HKDF-SHA256 (a random salt per stored key; the partnership and the public
key as associated data, so a stored key cannot be moved to another partnership's row). When
SECRET_KEY changes, keys encrypted under one of SECRET_KEY_FALLBACKS still open and are encrypted
again under the new SECRET_KEY on first use.

In production CAREERSHUB_SIGNING_KEY may give the seed instead (base64 of the 32 bytes): then
nothing secret is stored, only the public key, so that verification knows it is the partnership's.
"""
from __future__ import annotations

import base64
import binascii
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from . import signing
from .models import SigningKey

ENVIRONMENT_VARIABLE = "CAREERSHUB_SIGNING_KEY"
HKDF_INFO = b"careershub passport signing key wrapping v1"
SALT_BYTES = 16
NONCE_BYTES = 12


def _wrapping_key(secret: str, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=HKDF_INFO).derive(secret.encode("utf-8"))


def _associated_data(partnership_id: int, public_key: bytes) -> bytes:
    return f"partnership:{partnership_id}:".encode() + public_key


def encrypt_seed(seed: bytes, *, partnership_id: int, public_key: bytes, secret: str | None = None) -> bytes:
    """salt (16 bytes) + nonce (12) + AES-GCM ciphertext and tag of the seed."""
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    key = _wrapping_key(secret if secret is not None else settings.SECRET_KEY, salt)
    return salt + nonce + AESGCM(key).encrypt(nonce, seed, _associated_data(partnership_id, public_key))


def decrypt_seed(blob: bytes, *, partnership_id: int, public_key: bytes) -> tuple[bytes, bool]:
    """The seed, and whether it opened only with a fallback secret (so should be encrypted again)."""
    blob = bytes(blob)
    salt, nonce, ciphertext = blob[:SALT_BYTES], blob[SALT_BYTES:SALT_BYTES + NONCE_BYTES], blob[SALT_BYTES + NONCE_BYTES:]
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    for i, secret in enumerate(secrets):
        try:
            seed = AESGCM(_wrapping_key(secret, salt)).decrypt(nonce, ciphertext, _associated_data(partnership_id, public_key))
        except InvalidTag:
            continue
        return seed, i > 0
    raise ImproperlyConfigured(
        "The partnership's signing key cannot be opened with SECRET_KEY or SECRET_KEY_FALLBACKS: "
        "was SECRET_KEY changed without keeping the old one in SECRET_KEY_FALLBACKS?"
    )


def seed_from_environment() -> bytes | None:
    value = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not value:
        return None
    try:
        seed = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured(f"{ENVIRONMENT_VARIABLE} must be base64 of a 32-byte Ed25519 seed") from None
    if len(seed) != signing.SEED_BYTES:
        raise ImproperlyConfigured(f"{ENVIRONMENT_VARIABLE} must be base64 of a 32-byte Ed25519 seed")
    return seed


def _record_environment_key(partnership, seed: bytes) -> SigningKey:
    public_key = signing.public_key_of(seed)
    did = signing.did_key_for(public_key)
    current = SigningKey.objects.filter(partnership=partnership, retired_at__isnull=True).first()
    if current is not None and current.did == did:
        return current
    existing = SigningKey.objects.filter(did=did).first()
    if existing is not None and existing.partnership_id != partnership.pk:
        raise ImproperlyConfigured(f"The key in {ENVIRONMENT_VARIABLE} already belongs to another partnership")
    if current is not None:
        SigningKey.objects.filter(pk=current.pk).update(retired_at=timezone.now())
    if existing is not None:
        SigningKey.objects.filter(pk=existing.pk).update(retired_at=None)
        existing.refresh_from_db()
        return existing
    return SigningKey.objects.create(partnership=partnership, public_key=public_key, did=did, from_environment=True)


def signing_key_for(partnership) -> tuple[SigningKey, bytes]:
    """The partnership's current key and its seed, making one the first time it is needed."""
    with transaction.atomic():
        environment_seed = seed_from_environment()
        if environment_seed is not None:
            return _record_environment_key(partnership, environment_seed), environment_seed
        # Lock the partnership's keys, so that two endorsements at once do not both make the first key.
        keys = list(SigningKey.objects.select_for_update().filter(partnership=partnership, retired_at__isnull=True))
        current = keys[0] if keys else None
        if current is None or current.from_environment:
            return _new_stored_key(partnership, retire=current)
        seed, stale = decrypt_seed(current.encrypted_seed, partnership_id=partnership.pk,
                                   public_key=bytes(current.public_key))
        if stale:
            SigningKey.objects.filter(pk=current.pk).update(encrypted_seed=encrypt_seed(
                seed, partnership_id=partnership.pk, public_key=bytes(current.public_key)))
        return current, seed


def _new_stored_key(partnership, *, retire: SigningKey | None = None) -> tuple[SigningKey, bytes]:
    seed = signing.new_seed()
    public_key = signing.public_key_of(seed)
    if retire is not None:
        SigningKey.objects.filter(pk=retire.pk).update(retired_at=timezone.now())
    key = SigningKey.objects.create(
        partnership=partnership, public_key=public_key, did=signing.did_key_for(public_key),
        encrypted_seed=encrypt_seed(seed, partnership_id=partnership.pk, public_key=public_key),
    )
    return key, seed


def rotate(partnership) -> SigningKey:
    """Retire the partnership's current stored key and make a new one. Credentials signed with the
    old key still verify (its public key is kept); new ones are signed with the new key."""
    if seed_from_environment() is not None:
        raise ImproperlyConfigured(
            f"The signing key comes from {ENVIRONMENT_VARIABLE}: rotate it by setting a new value there"
        )
    with transaction.atomic():
        current = SigningKey.objects.select_for_update().filter(partnership=partnership, retired_at__isnull=True).first()
        return _new_stored_key(partnership, retire=current)[0]


def is_partnership_key(public_key: bytes) -> SigningKey | None:
    """The stored key with this public key (current or retired), or None."""
    return SigningKey.objects.select_related("partnership").filter(did=signing.did_key_for(public_key)).first()
