#!/usr/bin/env bash
# CaseAudit's one test command. Installs what the tests need when it is missing, runs every
# test project in the solution, and ends with the line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=false
apt_install() {
  echo "test.sh: installing $* (Debian packages)"
  if [ "$apt_updated" = false ]; then
    as_root apt-get update -qq
    apt_updated=true
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# LibreOffice Calc: workbook tests open what we write in it, a reader that shares nothing with
# ClosedXML. Those tests fail (never skip) without soffice, so CI must have it. Without
# recommends it is ~270 MB instead of pulling in Java, extra fonts and the help.
if ! command -v soffice >/dev/null 2>&1; then
  apt_install --no-install-recommends libreoffice-calc-nogui
fi

# Chromium: the browser tests (tests/CaseAudit.BrowserTests) drive Debian's build through
# Playwright at /usr/bin/chromium; Playwright's own browser download is never used. Those tests
# fail (never skip) without it.
if ! [ -x /usr/bin/chromium ]; then
  apt_install chromium
fi

# aiosmtpd: the email tests (tests/CaseAudit.Tests/Email) send to a real SMTP server on
# 127.0.0.1 and read what it stored in a Maildir. Debian's build, run with Debian's python3
# (/usr/bin/python3, not whatever python3 is first on PATH). Those tests fail (never skip) without it.
if ! { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; }; then
  apt_install python3-aiosmtpd
fi

# Each test app and browser watches files; the default of 128 inotify instances per user is
# easy to exhaust on a busy machine. Raise it where we may (root), carry on where we may not.
if [ "$(id -u)" -eq 0 ] && [ -w /proc/sys/fs/inotify/max_user_instances ] && [ "$(cat /proc/sys/fs/inotify/max_user_instances)" -lt 1024 ]; then
  echo 1024 > /proc/sys/fs/inotify/max_user_instances || true
fi
export DOTNET_hostBuilder__reloadConfigOnChange=false

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# One project after the other: the browser tests start the real app and Chromium, and on two
# cores they would time out beside the thousand-odd page tests running in parallel.
set +e
dotnet build CaseAudit.sln
status=$?
if [ "$status" -eq 0 ]; then
  for project in $(dotnet sln CaseAudit.sln list | grep -E 'Tests\.csproj$'); do
    dotnet test "$project" --no-build --logger "trx" --results-directory "$results" "$@"
    project_status=$?
    [ "$project_status" -eq 0 ] || status=$project_status
  done
fi
set -e

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or the test host failed before any test could report.
  failed=1
fi

echo "$passed passed, $failed failed"
exit "$status"
