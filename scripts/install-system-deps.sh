#!/usr/bin/env bash
# Debian packages the tests need: chromium (browser tests, never downloaded by a test
# tool), git and ssh-keygen (approval signatures), sshd, nginx and apache2 (the hosting
# tests: a real deploy over SSH, the generated server files served and syntax-checked),
# Node.js with npm (axe-core, the form editor's Decap CMS; the machine's own Node.js 20 if present).
# Installs only what is missing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
command -v ssh-keygen >/dev/null 2>&1 || need+=(openssh-client)
command -v git >/dev/null 2>&1 || need+=(git)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
[ -x /usr/sbin/nginx ] || need+=(nginx)
[ -x /usr/sbin/apache2 ] || need+=(apache2)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
fc-list 2>/dev/null | grep -qi "thai\|loma\|garuda" || need+=(fonts-thai-tlwg)
if [ "${#need[@]}" -eq 0 ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ต้องติดตั้ง ${need[*]} ด้วยสิทธิ์ root (install as root: apt-get install ${need[*]})" >&2; exit 2
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
