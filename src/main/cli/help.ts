/** Help texts. Kept next to each other so the whole surface of the CLI reads in one place. */

export const MAIN_HELP = `mist: manage Docker on your own servers over SSH (the Mist Desktop CLI)

Usage:
  mist server add NAME --host HOST --user USER (--key PATH | --agent | --password-stdin) [options]
  mist server list [--json]
  mist server check NAME [--json]
  mist server remove NAME
  mist --help | --version

Commands:
  server    add, list, check and remove servers (mist server --help)

Environment:
  MIST_HOME              data directory (default: the per-user Mist Desktop directory)
  MIST_KEYCHAIN_SERVICE  keychain service name for secrets (default: mist-desktop)
  MIST_KNOWN_HOSTS       known_hosts file to honour, or 'none' (default: ~/.ssh/known_hosts)
  MIST_SSH_SECRET        password or key passphrase used instead of the keychain when connecting
                         to a saved server (unattended use; see docs/cli.md)
  MIST_DEBUG=1           print stack traces with errors

Exit status: 0 success, 1 failure (including a check with a failed item), 2 usage error.
`;

export const SERVER_HELP = `Usage: mist server COMMAND

Commands:
  add NAME     save a server after checking its host key and logging in once
  list         list saved servers
  check NAME   check Docker, the socket permission, compose, git, disk and Traefik on a server
  remove NAME  forget a server and its stored secret

Run 'mist server COMMAND --help' for a command's options.
`;

export const SERVER_ADD_HELP = `Usage: mist server add NAME --host HOST [--port PORT] --user USER AUTH [options]

Probes the server's SSH host key (no credential is sent), asks you to trust it, then logs in once
to prove the credentials. Nothing is saved if any step fails.

Authentication (exactly one):
  --key PATH             private key file; add --passphrase-stdin if it is encrypted
  --agent                use the keys in your ssh-agent (SSH_AUTH_SOCK)
  --password-stdin       read the password from stdin

Options:
  --host HOST            DNS name or IP address
  --port PORT            SSH port (default 22)
  --user USER            SSH user
  --passphrase-stdin     read the key's passphrase from stdin (with --key)
  --jump SERVER          reach the server through another saved server (like ssh -J)
  --docker-socket PATH   Docker socket on the server (default /var/run/docker.sock)
  --accept-host-key FP   trust this host key (SHA256:...) and remember it; it must equal the key
                         the server presents. Required when stdin is not a terminal, unless the
                         key is already in known_hosts.
  --json                 print the saved server as JSON
  -h, --help             show this help

Secrets are read from stdin only (never from arguments): all of stdin, minus one trailing newline.
They are stored in the OS keychain.

Example:
  printf '%s' "$PW" | mist server add web-1 --host 203.0.113.7 --user deploy --password-stdin \\
    --accept-host-key SHA256:...
`;

export const SERVER_LIST_HELP = `Usage: mist server list [--json]

Lists saved servers. With --json, prints an array of servers (see docs/cli.md).
`;

export const SERVER_CHECK_HELP = `Usage: mist server check NAME [--json] [--accept-host-key FP]

Connects to the server and checks the Docker engine and API version, access to the Docker socket
(with the fix when missing), compose, git, free disk under Docker's data root, and Traefik.
Exits 0 when no item failed, 1 otherwise. With --json, prints the check result (see docs/cli.md).

Options:
  --json                 print the result as JSON
  --accept-host-key FP   trust and remember this host key (SHA256:...) if the server's key is
                         not remembered yet (e.g. it was accepted once)
  -h, --help             show this help
`;

export const SERVER_REMOVE_HELP = `Usage: mist server remove NAME

Forgets the server and deletes its password or passphrase from the keychain. Nothing on the server
is touched. A server that other servers jump through cannot be removed until they change.
`;

export const HELP_BY_COMMAND: Record<string, string> = {
  '': MAIN_HELP,
  server: SERVER_HELP,
  'server add': SERVER_ADD_HELP,
  'server list': SERVER_LIST_HELP,
  'server check': SERVER_CHECK_HELP,
  'server remove': SERVER_REMOVE_HELP,
};
