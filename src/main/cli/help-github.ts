/** Help texts of `mist github …` (kept apart from help.ts, which holds the rest). */

export const GITHUB_HELP = `Usage: mist github COMMAND

Commands:
  login (--token-stdin | --gh)   connect a GitHub account (the token is checked, then kept in the keychain)
  logout                         disconnect it (deletes the token from the keychain)
  status                         who the token belongs to, and its scopes
  repos                          the account's and its organisations' repositories

The account's token is also used to clone private GitHub repositories over https for apps that have
no access token of their own. Run 'mist github COMMAND --help' for a command's options.
`;

export const GITHUB_LOGIN_HELP = `Usage: mist github login --token-stdin [--json]
       mist github login --gh [--json]

Connects a GitHub account with a personal access token. GitHub is asked who the token belongs to
first; a token it refuses is not stored. The token is kept in the OS keychain only.

Options:
  --token-stdin   read the token from stdin (e.g. printf '%s' "$TOKEN" | mist github login --token-stdin);
                  a token is never taken from an argument
  --gh            use the token the GitHub CLI is logged in with ('gh auth token')
  --json          print the status as JSON (GitHubStatusDto)

For private repositories a classic token needs the 'repo' scope; a fine-grained token needs read
access to the repositories' contents.
`;

export const GITHUB_LOGOUT_HELP = `Usage: mist github logout

Disconnects the GitHub account: its token is deleted from the keychain. Apps with their own access
token keep it.
`;

export const GITHUB_STATUS_HELP = `Usage: mist github status [--json]

Shows whether a GitHub account is connected, its login, name, the token's scopes and where the token
came from (pasted or the GitHub CLI). Exits 1 when none is connected or GitHub refuses the token.
`;

export const GITHUB_REPOS_HELP = `Usage: mist github repos [--search TEXT] [--json]

Lists the repositories the connected account can see (its own, collaborations and its
organisations'), most recently pushed first.

Options:
  --search TEXT   only repositories whose OWNER/NAME contains TEXT (case-insensitive)
  --json          print GitHubRepositoryDto[]
`;
