/** Help texts. Kept next to each other so the whole surface of the CLI reads in one place. */

import {
  GITHUB_HELP,
  GITHUB_LOGIN_HELP,
  GITHUB_LOGOUT_HELP,
  GITHUB_REPOS_HELP,
  GITHUB_STATUS_HELP,
} from './help-github';

export const MAIN_HELP = `mist: manage Docker on your own servers over SSH (the Mist Desktop CLI)

Usage:
  mist server add NAME --host HOST --user USER (--key PATH | --agent | --password-stdin) [options]
  mist server list [--json]
  mist server check NAME [--json]
  mist server prepare NAME --email EMAIL [--wildcard DOMAIN] [--json]
  mist server space NAME [--clean [--build-cache]] [--json]
  mist server remove NAME
  mist project create NAME --server SERVER [--json]
  mist project list [--json]
  mist app create PROJECT/APP --type web|service [--port N] [--git URL] [--branch B] [options]
  mist app create PROJECT/DB --type database --template ID [--version TAG] [--publish-port on]
  mist app create PROJECT/STACK --type compose --git URL [--compose-file PATH]
  mist app set PROJECT/APP [--cpu X|none] [--memory MB|none] [--restart POLICY] [--port N] [options]
  mist app set PROJECT/APP --auto-deploy on|off [--watch-interval SECONDS]
  mist app show PROJECT/APP [--json]
  mist app deploy-key PROJECT/APP [--generate | --remove] [--json]
  mist app check-access PROJECT/APP [--json]
  mist app list [PROJECT] [--json]
  mist app delete PROJECT/APP [--remove-volume]
  mist db url PROJECT/DB [--reveal] [--json]
  mist templates [--json]
  mist github login (--token-stdin | --gh) | logout | status [--json] | repos [--search TEXT] [--json]
  mist domain add PROJECT/APP DOMAIN [--apply] [--json]
  mist domain remove PROJECT/APP DOMAIN [--apply] [--json]
  mist domain apply PROJECT/APP [--json]
  mist domain list PROJECT/APP [--check] [--json]
  mist env set PROJECT/APP KEY=VALUE... [--secret] [--scope both|build|runtime]
  mist env import PROJECT/APP FILE [--secret] [--scope both|build|runtime]
  mist env list PROJECT/APP [--json]
  mist env unset PROJECT/APP KEY
  mist deploy PROJECT/APP [--commit SHA|TAG] [--no-wait] [--json]
  mist deployments PROJECT/APP [--json]
  mist rollback PROJECT/APP [NUMBER] [--json]
  mist logs build PROJECT/APP [NUMBER] [--json]
  mist start|stop|restart PROJECT/APP
  mist usage PROJECT/APP [--json]
  mist --help | --version

Commands:
  server       add, list, check and remove servers (mist server --help)
  project      create and list projects (mist project --help)
  app          create, change, show, list and delete apps (mist app --help)
  domain       a web app's domains, their DNS and certificate status (mist domain --help)
  env          an app's environment variables (mist env --help)
  db           a database app's connection strings (mist db --help)
  templates    the database templates, and any invalid template file with its errors
  github       connect a GitHub account, list its repositories (mist github --help)
  deploy       build an app on its server and replace its container, streaming the build log
  deployments  an app's deployment history
  rollback     run an earlier deployment's image again, without a build
  logs         the stored build log of a deployment (mist logs --help)
  start, stop, restart
               control an app's container
  usage        CPU, memory and network of an app's running containers now

Environment:
  MIST_HOME              data directory (default: the per-user Mist Desktop directory)
  MIST_KEYCHAIN_SERVICE  keychain service name for secrets (default: mist-desktop)
  MIST_KNOWN_HOSTS       known_hosts file to honour, or 'none' (default: ~/.ssh/known_hosts)
  MIST_SSH_SECRET        password or key passphrase used instead of the keychain when connecting
                         to a saved server (unattended use; see docs/cli.md)
  MIST_GITHUB_API_URL    GitHub REST API root (default: https://api.github.com)
  MIST_DEBUG=1           print stack traces with errors

Exit status: 0 success, 1 failure (including a check with a failed item or a deploy that did not
succeed), 2 usage error, 130 a deploy cancelled with Ctrl+C.
`;

export const SERVER_HELP = `Usage: mist server COMMAND

Commands:
  add NAME      save a server after checking its host key and logging in once
  list          list saved servers
  check NAME    check Docker, the socket permission, compose, git, disk and Traefik on a server
  prepare NAME  install or upgrade Traefik (HTTPS, Let's Encrypt) for web apps with domains
  space NAME    what Docker keeps on the server's disk; --clean removes dangling images
  remove NAME   forget a server and its stored secret

Run 'mist server COMMAND --help' for a command's options.
`;

export const SERVER_SPACE_HELP = `Usage: mist server space NAME [--clean [--build-cache]] [--json]

Shows what Docker keeps on the server's disk: images (and the dangling ones among them), the build
cache, containers and volumes. With --clean, removes the dangling images (untagged, used by no
container, over 10 minutes old): never a tagged image, so every app keeps the images a rollback
needs, and never a volume. Refused while a deploy runs on the server.

Options:
  --clean         remove the dangling images
  --build-cache   with --clean: also clear the build cache no build is using (the next build of
                  each app then starts without its cache and takes longer)
  --json          print the figures (or what --clean freed) as JSON
  -h, --help      show this help
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
  --forward-agent        forward your ssh-agent to the git commands of deploys on this server,
                         for private repositories over ssh (for those commands only)
  --public-address ADDR  where visitors reach the server (IP or name), when not at --host (a jump
                         host, a private address); domains' DNS is checked against it
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

export const PROJECT_HELP = `Usage: mist project COMMAND

Commands:
  create NAME --server SERVER   create a project on a saved server
  list                          list projects

A project lives on one server; its apps reach each other there by container name.
Run 'mist project COMMAND --help' for a command's options.
`;

export const PROJECT_CREATE_HELP = `Usage: mist project create NAME --server SERVER [--json]

Creates a project on a saved server (see 'mist server list'). NAME is 1–63 lowercase letters,
digits and hyphens.

Options:
  --server SERVER   the saved server the project's apps run on
  --json            print the project as JSON
  -h, --help        show this help
`;

export const PROJECT_LIST_HELP = `Usage: mist project list [--json]

Lists projects with their server and number of apps. With --json, prints an array of projects
(see docs/cli.md).
`;

const APP_SETTINGS_HELP = `  --port N              the port the app listens on (default 3000); web apps without a
                        domain publish it on the host
  --git URL             repository: https, ssh (git@host:owner/repo.git), git://, a path or
                        file:// URL on the server, or owner/repo for GitHub
  --branch B            branch to deploy (default main)
  --dockerfile P        Dockerfile path, relative to the root directory (default ./Dockerfile)
  --root D              root directory in the repository: the build context (default /)
  --description TEXT    a note for people
  --cpu X               CPU limit, e.g. 0.5 (0.1 up to the server's cores); none: no limit
  --memory MB           memory limit in MB (128 up to the server's memory); none: no limit
  --restart POLICY      no, always, on-failure or unless-stopped (default unless-stopped)
  --log-size MB         Docker rotates the container's log at this size (1 to 1024, default 50); a
                        redeploy applies it. Compose apps: each service whose file sets no logging
  --log-files N         and keeps this many files, the older compressed (1 to 20, default 5)
  --health-path PATH    web and service apps: a deploy's new container must answer GET PATH (such
                        as /health) with 2xx or 3xx before it replaces the running one; none: off
  --health-timeout S    how long the new container has to pass, 5 to 600 seconds (default 60)
  --version TAG         database apps: the image tag (one the template lists; a change must stay
                        within the major version, the data depends on it)
  --publish-port on|off database apps: publish the database port on the server (default off)
  --compose-file PATH   compose apps: the compose file, relative to the root directory
                        (default docker-compose.yml)
  --public-service S    compose apps (app set): the service Traefik routes the app's domains to;
  --public-port N       and the port it listens on inside its container ('none' clears them)
  --auto-deploy on|off  (app set) deploy new commits of the branch automatically, while Mist Desktop
                        (the app or the web shell) runs
  --watch-interval S    how often auto-deploy checks the branch, in seconds (default 60, at least 15)`;

export const APP_HELP = `Usage: mist app COMMAND

Commands:
  create PROJECT/APP --type TYPE          create an app (web, service, database or compose)
  set PROJECT/APP [options]               change an app's settings (applied on the next deploy)
  show PROJECT/APP                        show an app's settings
  deploy-key PROJECT/APP                  show, make or remove the app's deploy key (an ssh key
                                          for a private repository; the private half stays in
                                          your keychain)
  check-access PROJECT/APP                ask the repository for the branch head from the
                                          server, with the credentials a deploy would use
  list [PROJECT]                          list apps, all or one project's
  delete PROJECT/APP                      delete an app and its container (a database's data
                                          volume is kept unless --remove-volume)

Run 'mist app COMMAND --help' for a command's options.
`;

export const APP_CREATE_HELP = `Usage: mist app create PROJECT/APP --type web|service|database|compose [options]

Creates an app in a project. APP is 1–63 lowercase letters, digits and hyphens, unique in the
project. Nothing is deployed yet: set variables with 'mist env set', then run 'mist deploy'.

Options:
  --type TYPE           web apps can be published; services are reached by other apps only;
                        database apps run a template (see 'mist templates'); compose apps run
                        a docker-compose.yml from their repository
${APP_SETTINGS_HELP}
  --template ID         database apps: the template, e.g. postgres, mysql, redis
  --attach-volume NAME  database apps: re-attach the data volume kept from a deleted database
                        app of the same template (its password comes along: set it with the
                        app's env, e.g. mist env set ... POSTGRES_PASSWORD=... --secret)
  --json                print the app as JSON
  -h, --help            show this help

Example:
  mist app create shop/web --type web --git git@github.com:me/shop.git --branch main --port 8080
  mist app create shop/db --type database --template postgres --version 17
  mist app create shop/stack --type compose --git me/stack --compose-file deploy/compose.yml
`;

export const APP_DEPLOY_KEY_HELP = `Usage: mist app deploy-key PROJECT/APP [--generate | --remove] [--json]

Shows the app's deploy key: its public key, to add to the repository's deploy keys (GitHub,
GitLab, Gitea; read access is enough). Deploys of an ssh repository URL (git@host:owner/repo.git)
then let git on the server use that key alone, through an agent answered by Mist Desktop over the
deploy's own SSH connection: the private key stays in your OS keychain and is never written on
the server.

Options:
  --generate   make a new key (replacing the old one, which then stops working)
  --remove     remove the key (from the app and the keychain)
  --json       print the key as JSON ({ publicKey, fingerprint }, or null)
  -h, --help   show this help

Example:
  mist app deploy-key shop/web --generate
  mist app deploy-key shop/web | head -n 1      # the public key line alone
`;

export const APP_CHECK_ACCESS_HELP = `Usage: mist app check-access PROJECT/APP [--json]

Asks the app's repository for the head of its branch from the server, with the credentials a deploy
uses (the app's access token, its deploy key, or your forwarded ssh-agent), and prints the commit.
Nothing is fetched or deployed. Exits 1 with git's reason and what to do when the server cannot
reach the repository or the branch does not exist.

Options:
  --json       print { branch, commit }
  -h, --help   show this help
`;

export const APP_SET_HELP = `Usage: mist app set PROJECT/APP [options]

Changes the given settings, and only those; they apply on the next deploy. At least one option.

Options:
${APP_SETTINGS_HELP}
  --git none            forget the repository
  --git-token-stdin     store an access token for a private https repository, read from stdin
                        (kept in the OS keychain; never taken from the command line)
  --git-token none      remove the stored access token
  --json                print the app as JSON
  -h, --help            show this help

Example:
  mist app set shop/web --cpu 0.5 --memory 512 --restart always
  mist app set shop/web --cpu none
  printf '%s' "$GITHUB_TOKEN" | mist app set shop/web --git-token-stdin
`;

export const APP_SHOW_HELP = `Usage: mist app show PROJECT/APP [--json]

Shows an app's settings, its internal address (app-ID:PORT, for other apps on the server) and
whether a redeploy is pending. Reads the store only. With --json, prints the app (see docs/cli.md).
`;

export const APP_LIST_HELP = `Usage: mist app list [PROJECT] [--json]

Lists every app, or one project's. With --json, prints an array of apps (see docs/cli.md).
`;

export const APP_DELETE_HELP = `Usage: mist app delete PROJECT/APP [--remove-volume]

Deletes the app, its variables and settings, and removes its container from the server. A database
app's data volume is kept (re-attach it with 'mist app create ... --attach-volume NAME') unless
--remove-volume is given.
`;

export const DB_HELP = `Usage: mist db url PROJECT/DB [--reveal] [--json]

Prints a database app's internal address (for other apps on the same server) and its connection
strings. The password is masked unless --reveal is given.
`;

export const TEMPLATES_HELP = `Usage: mist templates [--json]

Lists the database templates: the built-in ones and your own (JSON files in the 'templates' folder of
the data directory). An invalid template file is listed with each error and the field it names.
`;

export const ENV_HELP = `Usage: mist env COMMAND

Commands:
  set PROJECT/APP KEY=VALUE...   add or change variables
  import PROJECT/APP FILE        add or change variables from a .env file ('-' for stdin)
  list PROJECT/APP               list variables (secret values are masked)
  unset PROJECT/APP KEY          delete a variable

Changes apply on the next deploy. Run 'mist env COMMAND --help' for a command's options.
`;

export const ENV_SET_HELP = `Usage: mist env set PROJECT/APP KEY=VALUE... [--secret] [--scope both|build|runtime]

Adds or changes variables. Each argument is split at its first '=', so values may contain '='.
A value given as exactly '-' (KEY=-) is read from stdin instead (all of it, minus one trailing
newline), so a secret never has to appear on the command line, in ps or in shell history; only
one KEY=- per command.

Options:
  --secret              keep the values in the OS keychain; they are masked in lists and
                        redacted from build logs, errors and the audit log
  --scope SCOPE         both (default): build argument and runtime variable; build: only a
                        --build-arg; runtime: only in the container
  -h, --help            show this help

Examples:
  mist env set shop/web NODE_ENV=production API_URL=https://api.example.com/?a=b
  printf '%s' "$STRIPE_KEY" | mist env set shop/web STRIPE_KEY=- --secret --scope runtime
`;

export const ENV_IMPORT_HELP = `Usage: mist env import PROJECT/APP FILE [--secret] [--scope both|build|runtime]

Adds or changes the variables of a .env file (FILE '-' reads stdin): KEY=value lines, 'export',
comments, single quotes (literal) and double quotes (escapes, several lines). The good lines are
imported; each bad line is reported as 'mist: FILE:LINE: reason', and then the exit status is 1.

Options:
  --secret              import every variable as a secret
  --scope SCOPE         both (default), build or runtime, for every variable
  -h, --help            show this help
`;

export const ENV_LIST_HELP = `Usage: mist env list PROJECT/APP [--json]

Lists the app's variables with their scope. Secret values are never printed: the table shows
'********', and --json gives value null (see docs/cli.md).
`;

export const ENV_UNSET_HELP = `Usage: mist env unset PROJECT/APP KEY

Deletes a variable (and a secret's keychain entry). Applies on the next deploy.
`;

export const DEPLOY_HELP = `Usage: mist deploy PROJECT/APP [--commit SHA|TAG] [--no-wait] [--json]

Deploys the head of the app's branch (or, with --commit, that tag or commit, even one on another
branch): resolves it on the server, fetches it into the app's checkout, builds the image there and
replaces the container (the new one is created before the old one stops). A database app pulls its
template's image instead. Stages and the build log stream to stdout as they happen.

Exit status: 0 when the deployment ends 'success', 1 when it fails or is cancelled (the reason is
printed as 'mist: ...'), 130 after Ctrl+C, which cancels the deployment (press it twice to stop
waiting without the cancel being confirmed).

Options:
  --commit REF  deploy this tag or commit (a full or abbreviated hash) instead of the branch head
  --no-wait     start the deployment and return at once (see docs/cli.md for what keeps it running)
  --json        stages and log go to stderr; stdout gets the final deployment as JSON
  -h, --help    show this help
`;

export const DEPLOYMENTS_HELP = `Usage: mist deployments PROJECT/APP [--json]

Lists an app's deployments, newest first: number, status, whether it is the active one, commit,
trigger, duration and when it started. With --json, prints an array of deployments (see docs/cli.md).
`;

export const ROLLBACK_HELP = `Usage: mist rollback PROJECT/APP [NUMBER] [--json]

Runs the image deployment NUMBER built again (see 'mist deployments'), or by default that of the
newest successful deployment before the running one with another image: no clone and no build,
with the app's current variables, limits and domains. The container is replaced as in a deploy
(the running one serves on if the old image does not start). Web and service apps only; the image
must still be on the server (Mist keeps an app's newest 5). Recorded as a deployment of its own
(trigger 'rollback'), followed live like 'mist deploy', with the same exit status.

Options:
  --json        stages and log go to stderr; stdout gets the final deployment as JSON
  -h, --help    show this help
`;

export const USAGE_HELP = `Usage: mist usage PROJECT/APP [--json]

What the app's running containers use now, one row each (a compose app: each service): CPU as a
share of one core (200% is two cores busy), memory without the page cache, the memory limit (the
server's memory when the app has none), and bytes received and sent since the container started.
Docker takes the sample (about a second). With --json, prints the AppUsageDto (see docs/cli.md).
`;

export const LOGS_HELP = `Usage: mist logs build PROJECT/APP [NUMBER] [--json]

Prints the stored build log of a deployment: NUMBER (see 'mist deployments'), or the latest.
With --json, prints the log lines as an array (see docs/cli.md).
`;

export const CONTROL_HELP = (action: 'start' | 'stop' | 'restart') => `Usage: mist ${action} PROJECT/APP

${action === 'start' ? 'Starts' : action === 'stop' ? 'Stops' : 'Restarts'} the app's container on its server, then prints the app's status.
`;

export const SERVER_PREPARE_HELP = `Usage: mist server prepare NAME --email EMAIL [--wildcard DOMAIN] [--json]

Prepares a server for web apps with domains: creates the traefik-net network and runs Traefik (ports
80 and 443, HTTPS redirect, Let's Encrypt certificates; the dashboard only on the server's loopback).
Safe to run again: it changes only what differs, and upgrades Traefik to the pinned version.
Ports 80/443 already taken, or an image that cannot be pulled (and is not on the server), fail
with the reason and change nothing.

Options:
  --email EMAIL        the Let's Encrypt account email (saved on the server; may be left out
                       once saved)
  --wildcard DOMAIN    wildcard domain for automatic app domains, e.g. apps.example.com
                       ({project}-{app}.DOMAIN); 'none' clears it (saved on the server)
  --json               print the result as JSON (see docs/cli.md)
`;

export const DOMAIN_HELP = `Usage: mist domain COMMAND

Commands:
  add PROJECT/APP DOMAIN     add a domain to a web app (--apply: apply it at once)
  remove PROJECT/APP DOMAIN  remove a domain from a web app (--apply: apply it at once)
  apply PROJECT/APP          recreate the app's container with its domains' labels (no build)
  list PROJECT/APP           list the domains (--check: with DNS and certificate status)

Run 'mist domain COMMAND --help' for a command's options.
`;

const DOMAIN_CHANGE_HELP = (verb: 'add' | 'remove') => `Usage: mist domain ${verb} PROJECT/APP DOMAIN [--apply] [--json]

${verb === 'add' ? 'Adds a domain to a web app. DOMAIN is a full host name (app.example.com); international\nnames are converted to punycode; wildcards are not supported; a domain belongs to one app\nper server.' : 'Removes a domain from a web app.'} The change reaches the running container on the next
deploy, or at once with --apply (or mist domain apply).

Options:
  --apply   recreate the container with the new labels now, from the same image (no build)
  --json    print the app's domains after the change as JSON (see docs/cli.md)
`;

export const DOMAIN_ADD_HELP = DOMAIN_CHANGE_HELP('add');
export const DOMAIN_REMOVE_HELP = DOMAIN_CHANGE_HELP('remove');

export const DOMAIN_APPLY_HELP = `Usage: mist domain apply PROJECT/APP [--json]

Recreates the app's container from its active deployment's image with the Traefik labels of its
current domains. Nothing is built. The app must have been deployed once.

Options:
  --json    print the app's status afterwards as JSON
`;

export const DOMAIN_LIST_HELP = `Usage: mist domain list PROJECT/APP [--check] [--json]

Lists the domains of an app.

Options:
  --check   also check each domain's DNS from this computer (pending, ok or mismatch, and the
            record to create) and the certificate the server presents for it
  --json    print the domains as JSON (with --check: each with dns and certificate)
`;

export const HELP_BY_COMMAND: Record<string, string> = {
  '': MAIN_HELP,
  server: SERVER_HELP,
  'server add': SERVER_ADD_HELP,
  'server list': SERVER_LIST_HELP,
  'server check': SERVER_CHECK_HELP,
  'server space': SERVER_SPACE_HELP,
  'server prepare': SERVER_PREPARE_HELP,
  'server remove': SERVER_REMOVE_HELP,
  project: PROJECT_HELP,
  'project create': PROJECT_CREATE_HELP,
  'project list': PROJECT_LIST_HELP,
  app: APP_HELP,
  'app create': APP_CREATE_HELP,
  'app set': APP_SET_HELP,
  'app show': APP_SHOW_HELP,
  'app list': APP_LIST_HELP,
  'app delete': APP_DELETE_HELP,
  db: DB_HELP,
  'db url': DB_HELP,
  templates: TEMPLATES_HELP,
  github: GITHUB_HELP,
  'github login': GITHUB_LOGIN_HELP,
  'github logout': GITHUB_LOGOUT_HELP,
  'github status': GITHUB_STATUS_HELP,
  'github repos': GITHUB_REPOS_HELP,
  domain: DOMAIN_HELP,
  'domain add': DOMAIN_ADD_HELP,
  'domain remove': DOMAIN_REMOVE_HELP,
  'domain apply': DOMAIN_APPLY_HELP,
  'domain list': DOMAIN_LIST_HELP,
  env: ENV_HELP,
  'env set': ENV_SET_HELP,
  'env import': ENV_IMPORT_HELP,
  'env list': ENV_LIST_HELP,
  'env unset': ENV_UNSET_HELP,
  deploy: DEPLOY_HELP,
  deployments: DEPLOYMENTS_HELP,
  rollback: ROLLBACK_HELP,
  usage: USAGE_HELP,
  'app deploy-key': APP_DEPLOY_KEY_HELP,
  'app check-access': APP_CHECK_ACCESS_HELP,
  logs: LOGS_HELP,
  'logs build': LOGS_HELP,
  start: CONTROL_HELP('start'),
  stop: CONTROL_HELP('stop'),
  restart: CONTROL_HELP('restart'),
};
