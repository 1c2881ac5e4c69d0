/** What the UI and the CLI say when a database's port is published on the server's host. */
export function publishPortWarning(port: number): string {
  return (
    `Publishing opens port ${port} on every network interface of the server: anyone who can reach the ` +
    'server can try to log in to the database. Other apps on the server do not need it (they use the ' +
    'internal address). Keep it off unless you connect from outside, and then limit access with a firewall.'
  );
}
