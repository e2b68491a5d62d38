"""The pure-Python SSHSIG verifier, cross-checked with ``ssh-keygen -Y verify``."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from approvals_kit import keygen, signer_line

from webpub.approvals import signers, sshsig

MESSAGE = "อนุมัติให้เผยแพร่".encode()


def ssh_sign(key, data=MESSAGE, namespace="webpub-approval", hashalg=None) -> str:
    extra = ["-O", f"hashalg={hashalg}"] if hashalg else []
    done = subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-f", str(key), "-n", namespace, *extra],
                          input=data, capture_output=True, check=True)
    return done.stdout.decode()


def ssh_verify(tmp_path, allowed: str, principal: str, sig: str, data=MESSAGE, namespace="webpub-approval") -> bool:
    (tmp_path / "allowed").write_text(allowed + "\n")
    (tmp_path / "sig").write_text(sig)
    done = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(tmp_path / "allowed"), "-I", principal,
                           "-n", namespace, "-s", str(tmp_path / "sig")], input=data, capture_output=True,
                          env={"TZ": "UTC", "PATH": "/usr/bin:/bin"})
    return done.returncode == 0


def ours(allowed: str, principal: str, sig_text: str, data=MESSAGE) -> bool:
    entries = signers.parse(allowed).for_principal(principal)
    try:
        sig = sshsig.parse(sig_text)
        assert any(e.key == sig.public_key for e in entries)
        sshsig.verify(sig, data, "webpub-approval")
        return True
    except (sshsig.SignatureError, AssertionError):
        return False


@pytest.mark.parametrize("kind", ["ed25519", "ecdsa", "rsa"])
@pytest.mark.parametrize("hashalg", ["sha256", "sha512"])
def test_valid_signatures_agree_with_ssh_keygen(tmp_path, kind, hashalg):
    key = keygen(tmp_path / "keys", "wichai.k", kind)
    allowed = signer_line("wichai.k", key)
    sig = ssh_sign(key, hashalg=hashalg)
    assert ssh_verify(tmp_path, allowed, "wichai.k", sig) is True
    assert ours(allowed, "wichai.k", sig) is True


@pytest.mark.parametrize("kind", ["ed25519", "ecdsa", "rsa"])
def test_tampered_message_refused_by_both(tmp_path, kind):
    key = keygen(tmp_path / "keys", "wichai.k", kind)
    allowed = signer_line("wichai.k", key)
    sig = ssh_sign(key)
    changed = MESSAGE + b" "
    assert ssh_verify(tmp_path, allowed, "wichai.k", sig, data=changed) is False
    assert ours(allowed, "wichai.k", sig, data=changed) is False


def test_wrong_namespace_refused_by_both(tmp_path):
    key = keygen(tmp_path / "keys", "wichai.k")
    allowed = signer_line("wichai.k", key, options="")
    sig = ssh_sign(key, namespace="git")
    assert ssh_verify(tmp_path, allowed, "wichai.k", sig) is False
    with pytest.raises(sshsig.SignatureError, match="เนมสเปซ 'git'"):
        sshsig.verify(sshsig.parse(sig), MESSAGE, "webpub-approval")


def test_other_persons_key_refused_by_both(tmp_path):
    mine = keygen(tmp_path / "keys", "wichai.k")
    other = keygen(tmp_path / "keys", "anan.p")
    allowed = signer_line("wichai.k", mine) + "\n" + signer_line("anan.p", other)
    sig = ssh_sign(other)
    assert ssh_verify(tmp_path, allowed, "wichai.k", sig) is False
    assert ours(allowed, "wichai.k", sig) is False


def test_unsupported_hash_and_garbage_are_clear_errors(tmp_path):
    key = keygen(tmp_path / "keys", "wichai.k")
    sig = sshsig.parse(ssh_sign(key))
    weird = sshsig.SshSig(sig.public_key, sig.namespace, "md5", sig.signature)
    with pytest.raises(sshsig.SignatureError, match="md5"):
        sshsig.verify(weird, MESSAGE, "webpub-approval")
    with pytest.raises(sshsig.SignatureError, match="BEGIN/END"):
        sshsig.parse("not a signature")
    armored = ssh_sign(key).splitlines()
    last = armored[-2]
    armored[-2] = last[:10] + ("B" if last[10] != "B" else "C") + last[11:]
    with pytest.raises(sshsig.SignatureError):
        sshsig.verify(sshsig.parse("\n".join(armored)), MESSAGE, "webpub-approval")


def test_allowed_signers_options_and_validity(tmp_path):
    key = keygen(tmp_path / "keys", "wichai.k")
    text = "\n".join([
        "# comment",
        signer_line("wichai.k,!evil", key, 'namespaces="webpub-approval,file",valid-after="20250101",valid-before="20251231235959Z"'),
        "broken line",
        signer_line("x", key, "cert-authority"),
    ])
    parsed = signers.parse(text)
    assert [line for line, _ in parsed.problems] == [3, 4]
    entry = parsed.for_principal("wichai.k")[0]
    assert entry.allows_namespace("webpub-approval") and not entry.allows_namespace("git")
    bangkok = dt.timezone(dt.timedelta(hours=7))
    assert not entry.valid_at(dt.datetime(2024, 12, 31, 23, 59, tzinfo=bangkok))
    assert entry.valid_at(dt.datetime(2025, 1, 1, 0, 0, tzinfo=bangkok))
    assert entry.valid_at(dt.datetime(2025, 12, 31, 23, 59, 59, tzinfo=dt.timezone.utc))
    assert not entry.valid_at(dt.datetime(2026, 1, 1, 0, 0, 1, tzinfo=dt.timezone.utc))
    assert parsed.for_principal("evil") == []


def test_fingerprint_matches_ssh_keygen(tmp_path):
    key = keygen(tmp_path / "keys", "wichai.k")
    printed = subprocess.run(["ssh-keygen", "-l", "-f", str(key) + ".pub"], capture_output=True, text=True).stdout.split()[1]
    sig = sshsig.parse(ssh_sign(key))
    assert sshsig.key_fingerprint(sig.public_key) == printed
