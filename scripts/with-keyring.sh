#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so that keytar has a
# real Secret Service to talk to (CI, headless machines). Usage: scripts/with-keyring.sh npm test
set -euo pipefail
if [[ -z "${MIST_IN_KEYRING_SESSION:-}" ]]; then
  exec env MIST_IN_KEYRING_SESSION=1 dbus-run-session -- "$0" "$@"
fi
# A non-empty password matters: with an empty one the login collection never exists.
echo -n "${MIST_KEYRING_PASSWORD:-mist-keyring-password}" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
exec "$@"
