#!/usr/bin/env bash
# Prints one line after the tests when the ones that run the real Fluent Bit were skipped for want
# of a binary (FluentBitBinary's skip reason in surefire's reports), so a green build says so.
set -euo pipefail
reports="${1:-target/surefire-reports}"
[ -d "$reports" ] || exit 0
count=$(cat "$reports"/TEST-*.xml 2>/dev/null | grep -c '<skipped message="no Fluent Bit binary' || true)
[ "$count" -gt 0 ] || exit 0
echo "[WARNING] $count tests that run the real Fluent Bit were SKIPPED: no binary found. Set LOGSHIP_FLUENT_BIT," \
  "put fluent-bit on PATH, install the official package (/opt/fluent-bit/bin/fluent-bit), provide" \
  "../shared/tools/fluent-bit/fluent-bit, or start Docker (copied out of fluent/fluent-bit:5.1.1);" \
  "LOGSHIP_REQUIRE_FLUENT_BIT=1 (as .ci/run sets) makes them fail instead."
