#!/usr/bin/env bash
# Installs the real tools the tests drive (AWS CLI v2, headless Chromium and its driver, wrk, Prometheus)
# from Debian's packages when they are missing. Tests that need them fail loudly rather
# than skip, so this runs before the test phase of `mvn verify`.
set -euo pipefail
need=()
command -v aws >/dev/null 2>&1 || need+=(awscli)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v gpg >/dev/null 2>&1 || need+=(gnupg)  # signed-commit tests make real OpenPGP keys
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)  # the Prometheus delivery test runs its own on a free port
command -v ssh-keygen >/dev/null 2>&1 || need+=(openssh-client)  # ... and SSH signing keys  # load test of the status API (mvn -Preliability)
# The real Fluent Bit (../shared/tools/fluent-bit) links these; the end-to-end forwarder tests run it.
command -v openssl >/dev/null 2>&1 || need+=(openssl)  # the end-to-end test links its CA by subject hash
for lib in libssl3 libyaml-0-2 libsqlite3-0; do
  dpkg-query -W -f='${Status}' "$lib" 2>/dev/null | grep -q "install ok installed" || need+=("$lib")
done
[ ${#need[@]} -eq 0 ] && exit 0
echo "install-test-tools: installing ${need[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Debian starts the packaged Prometheus on :9090; the tests run their own, so stop the one this script installed.
if [[ " ${need[*]} " == *" prometheus "* ]] && command -v systemctl >/dev/null 2>&1; then
  $SUDO systemctl disable --now prometheus >/dev/null 2>&1 || true
fi
