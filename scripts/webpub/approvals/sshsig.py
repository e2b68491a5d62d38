"""SSH signatures (``ssh-keygen -Y sign``) parsed and verified in pure Python.

Format (OpenSSH PROTOCOL.sshsig): an armored block ``BEGIN SSH SIGNATURE``
around ``"SSHSIG" | uint32 version=1 | string publickey | string namespace |
string reserved | string hash_algorithm | string signature``. The signature is
over ``"SSHSIG" | string namespace | string reserved | string hash_algorithm |
string H(message)``. Ed25519, ECDSA (nistp256/384/521) and RSA (rsa-sha2-256/512,
at least 2048 bits) keys are accepted.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from webpub.messages import t

MAGIC = b"SSHSIG"
BEGIN = "-----BEGIN SSH SIGNATURE-----"
END = "-----END SSH SIGNATURE-----"
HASHES = {"sha256": hashlib.sha256, "sha512": hashlib.sha512}
CURVES = {
    b"nistp256": (ec.SECP256R1(), hashes.SHA256()),
    b"nistp384": (ec.SECP384R1(), hashes.SHA384()),
    b"nistp521": (ec.SECP521R1(), hashes.SHA512()),
}
RSA_SIG_HASHES = {b"rsa-sha2-256": hashes.SHA256(), b"rsa-sha2-512": hashes.SHA512()}
MIN_RSA_BITS = 2048


class SignatureError(Exception):
    """Why a signature was refused, in Thai."""


@dataclass(frozen=True)
class SshSig:
    public_key: bytes  # the key blob, as in allowed_signers
    namespace: str
    hash_algorithm: str
    signature: bytes


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise SignatureError(t("verify.sig_truncated"))
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def uint32(self) -> int:
        return struct.unpack(">I", self.take(4))[0]

    def string(self) -> bytes:
        return self.take(self.uint32())

    def mpint(self) -> int:
        return int.from_bytes(self.string(), "big", signed=True)

    def done(self) -> bool:
        return self.pos == len(self.data)


def ssh_string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def dearmor(text: str) -> bytes:
    lines = [ln.strip() for ln in str(text).strip().splitlines()]
    if not lines or lines[0] != BEGIN or lines[-1] != END:
        raise SignatureError(t("verify.sig_armor"))
    try:
        return base64.b64decode("".join(lines[1:-1]), validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError(t("verify.sig_base64")) from None


def parse(text: str) -> SshSig:
    reader = _Reader(dearmor(text))
    if reader.take(6) != MAGIC:
        raise SignatureError(t("verify.sig_magic"))
    if reader.uint32() != 1:
        raise SignatureError(t("verify.sig_version"))
    public_key = reader.string()
    namespace = reader.string().decode("utf-8", "replace")
    reader.string()  # reserved
    hash_algorithm = reader.string().decode("ascii", "replace")
    signature = reader.string()
    if not reader.done():
        raise SignatureError(t("verify.sig_trailing"))
    return SshSig(public_key, namespace, hash_algorithm, signature)


def signed_data(sig: SshSig, message: bytes) -> bytes:
    hashed = HASHES[sig.hash_algorithm](message).digest()
    return (MAGIC + ssh_string(sig.namespace.encode()) + ssh_string(b"")
            + ssh_string(sig.hash_algorithm.encode()) + ssh_string(hashed))


def verify(sig: SshSig, message: bytes, namespace: str) -> None:
    """Raise ``SignatureError`` unless ``sig`` is a valid signature of ``message``."""
    if sig.namespace != namespace:
        raise SignatureError(t("verify.sig_namespace", got=sig.namespace, wanted=namespace))
    if sig.hash_algorithm not in HASHES:
        raise SignatureError(t("verify.sig_hash", algorithm=sig.hash_algorithm))
    data = signed_data(sig, message)
    outer = _Reader(sig.signature)
    sig_type, sig_bytes = outer.string(), outer.string()
    if not outer.done():
        raise SignatureError(t("verify.sig_trailing"))
    key = _Reader(sig.public_key)
    key_type = key.string()
    try:
        _verify_by_type(key_type, key, sig_type, sig_bytes, data)
    except InvalidSignature:
        raise SignatureError(t("verify.sig_mismatch")) from None
    except ValueError as exc:
        raise SignatureError(t("verify.sig_malformed", error=exc)) from None


def _verify_by_type(key_type: bytes, key: _Reader, sig_type: bytes, sig_bytes: bytes, data: bytes) -> None:
    if key_type == b"ssh-ed25519":
        _require(sig_type == key_type, sig_type)
        ed25519.Ed25519PublicKey.from_public_bytes(key.string()).verify(sig_bytes, data)
    elif key_type.startswith(b"ecdsa-sha2-"):
        _require(sig_type == key_type, sig_type)
        curve_name, point = key.string(), key.string()
        if curve_name not in CURVES or key_type != b"ecdsa-sha2-" + curve_name:
            raise SignatureError(t("verify.sig_curve"))
        curve, digest = CURVES[curve_name]
        inner = _Reader(sig_bytes)
        der = encode_dss_signature(inner.mpint(), inner.mpint())
        ec.EllipticCurvePublicKey.from_encoded_point(curve, point).verify(der, data, ec.ECDSA(digest))
    elif key_type == b"ssh-rsa":
        _require(sig_type in RSA_SIG_HASHES, sig_type)
        e, n = key.mpint(), key.mpint()
        if n.bit_length() < MIN_RSA_BITS:
            raise SignatureError(t("verify.sig_rsa_short", bits=n.bit_length(), minimum=MIN_RSA_BITS))
        public = rsa.RSAPublicNumbers(e, n).public_key()
        public.verify(sig_bytes, data, padding.PKCS1v15(), RSA_SIG_HASHES[sig_type])
    else:
        raise SignatureError(t("verify.sig_key_type", key_type=key_type.decode("ascii", "replace")))


def _require(ok: bool, sig_type: bytes) -> None:
    if not ok:
        raise SignatureError(t("verify.sig_type", sig_type=sig_type.decode("ascii", "replace")))


def key_fingerprint(blob: bytes) -> str:
    """``SHA256:…`` as ``ssh-keygen -l`` prints it."""
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
