#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring, so that keytar
# has a real Secret Service to talk to (CI, headless machines). Usage: scripts/with-keyring.sh npm test
set -euo pipefail
if [[ -z "${MIST_IN_KEYRING_SESSION:-}" ]]; then
  exec env MIST_IN_KEYRING_SESSION=1 dbus-run-session -- "$0" "$@"
fi
# A throwaway keyring directory: a login keyring left by an earlier run with another password
# would stay locked. A non-empty password matters: with an empty one no login collection exists.
keyring_home=$(mktemp -d -t mist-keyring-XXXXXX)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home"
echo -n "mist-keyring-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$@"
