import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSshConfigHosts, readSshConfigHosts, type SshConfigHost } from '../../src/main/core/ssh/ssh-config-hosts';

function byAlias(hosts: SshConfigHost[], alias: string): SshConfigHost {
  const found = hosts.find((h) => h.alias === alias);
  if (!found) throw new Error(`no host ${alias} in ${JSON.stringify(hosts.map((h) => h.alias))}`);
  return found;
}

describe('listSshConfigHosts', () => {
  it('reads HostName, User, Port, IdentityFile and ProxyJump', () => {
    const hosts = listSshConfigHosts(`
Host bastion
  HostName bastion.example.com

Host web
  HostName 10.0.0.5
  User deploy
  Port 2222
  IdentityFile ~/.ssh/web_ed25519
  ProxyJump bastion
`);
    expect(byAlias(hosts, 'web')).toEqual({
      alias: 'web',
      host: '10.0.0.5',
      port: 2222,
      user: 'deploy',
      identityFile: '~/.ssh/web_ed25519',
      proxyJump: 'bastion',
    });
    expect(byAlias(hosts, 'bastion')).toEqual({
      alias: 'bastion',
      host: 'bastion.example.com',
      port: 22,
      user: null,
      identityFile: null,
      proxyJump: null,
    });
  });

  it('lists hosts in file order, each once', () => {
    const hosts = listSshConfigHosts('Host b\n  HostName b.example\nHost a\n  HostName a.example\nHost b\n  User x\n');
    expect(hosts.map((h) => h.alias)).toEqual(['b', 'a']);
  });

  it('uses the alias as the host when there is no HostName', () => {
    expect(listSshConfigHosts('Host db.example.com\n  User postgres\n')).toEqual([
      {
        alias: 'db.example.com',
        host: 'db.example.com',
        port: 22,
        user: 'postgres',
        identityFile: null,
        proxyJump: null,
      },
    ]);
  });

  it('lists every alias of a Host line with several names', () => {
    const hosts = listSshConfigHosts('Host one two three\n  HostName 192.168.1.10\n  User ops\n');
    expect(hosts.map((h) => h.alias)).toEqual(['one', 'two', 'three']);
    for (const h of hosts) {
      expect(h.host).toBe('192.168.1.10');
      expect(h.user).toBe('ops');
    }
  });

  it('excludes wildcard and negated patterns but keeps concrete names on the same line', () => {
    const hosts = listSshConfigHosts(`
Host *
  User everyone
Host *.internal web? !skip concrete
  Port 2200
`);
    expect(hosts.map((h) => h.alias)).toEqual(['concrete']);
    expect(byAlias(hosts, 'concrete').port).toBe(2200);
  });

  it('applies Host * defaults to every host that does not set them', () => {
    const hosts = listSshConfigHosts(`
Host web
  HostName web.example.com
  User deploy

Host db
  HostName db.example.com

Host *
  User fallback
  Port 2022
  IdentityFile ~/.ssh/default_key
`);
    expect(byAlias(hosts, 'web')).toMatchObject({ user: 'deploy', port: 2022, identityFile: '~/.ssh/default_key' });
    expect(byAlias(hosts, 'db')).toMatchObject({ user: 'fallback', port: 2022, identityFile: '~/.ssh/default_key' });
  });

  it('lets the first value win, as ssh does (a Host * placed first overrides later blocks)', () => {
    const hosts = listSshConfigHosts(`
Host *
  User early

Host web
  HostName first.example.com
  User late

Host web
  HostName second.example.com
  Port 2222
`);
    const web = byAlias(hosts, 'web');
    expect(web.user).toBe('early');
    expect(web.host).toBe('first.example.com');
    expect(web.port).toBe(2222);
  });

  it('takes the first IdentityFile when several are given', () => {
    const hosts = listSshConfigHosts('Host web\n  IdentityFile ~/.ssh/one\n  IdentityFile ~/.ssh/two\n');
    expect(byAlias(hosts, 'web').identityFile).toBe('~/.ssh/one');
  });

  it('treats ProxyJump none as no jump, even when Host * sets one', () => {
    const hosts = listSshConfigHosts(`
Host bastion
  HostName bastion.example.com
  ProxyJump none

Host inner
  HostName 10.1.0.2
  ProxyJump NONE

Host *
  ProxyJump bastion
`);
    expect(byAlias(hosts, 'bastion').proxyJump).toBeNull();
    expect(byAlias(hosts, 'inner').proxyJump).toBeNull();
  });

  it('inherits ProxyJump from Host * when the host sets none', () => {
    const hosts = listSshConfigHosts(
      'Host bastion\n  ProxyJump none\nHost app\n  HostName 10.2.0.3\nHost *\n  ProxyJump bastion\n',
    );
    expect(byAlias(hosts, 'app').proxyJump).toBe('bastion');
  });

  it('accepts the key=value form', () => {
    const hosts = listSshConfigHosts('Host web\n  HostName=web.example.com\n  Port=2201\n  User=deploy\n');
    expect(byAlias(hosts, 'web')).toMatchObject({ host: 'web.example.com', port: 2201, user: 'deploy' });
  });

  it('falls back to port 22 for a nonsense or out-of-range Port', () => {
    const hosts = listSshConfigHosts('Host a\n  Port abc\nHost b\n  Port 70000\nHost c\n  Port 0\n');
    expect(hosts.map((h) => h.port)).toEqual([22, 22, 22]);
  });

  it('never returns a host it could not resolve to a valid address (e.g. %h tokens)', () => {
    const hosts = listSshConfigHosts('Host web\n  HostName %h.example.com\nHost ok\n  HostName ok.example.com\n');
    expect(hosts.some((h) => h.host.includes('%'))).toBe(false);
    expect(byAlias(hosts, 'ok').host).toBe('ok.example.com');
  });

  it('ignores comments and returns nothing for an empty config', () => {
    expect(listSshConfigHosts('')).toEqual([]);
    expect(listSshConfigHosts('# Host commented\n#  HostName x\n')).toEqual([]);
  });

  // BUG (see report): ssh_config keywords are case-insensitive ("Keywords are case-insensitive and
  // arguments are case-sensitive", ssh_config(5)), but the lookup reads computed.HostName/User/... in
  // exactly that spelling, so `hostname`/`user`/`port` lines are ignored (and a later block's
  // correctly spelled value wins instead).
  it('reads keywords case-insensitively, as ssh does', () => {
    const hosts = listSshConfigHosts(`
Host web
  hostname 10.0.0.5
  user deploy
  port 2222
  identityfile ~/.ssh/web
  proxyjump bastion
`);
    expect(byAlias(hosts, 'web')).toEqual({
      alias: 'web',
      host: '10.0.0.5',
      port: 2222,
      user: 'deploy',
      identityFile: '~/.ssh/web',
      proxyJump: 'bastion',
    });
  });
});

describe('readSshConfigHosts', () => {
  it('returns no hosts for a missing file', () => {
    expect(readSshConfigHosts(join(tmpdir(), 'mist-no-such-dir', 'config'))).toEqual([]);
  });

  it('reads a file from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mist-sshcfg-'));
    try {
      const file = join(dir, 'config');
      writeFileSync(file, 'Host web\n  HostName web.example.com\n');
      expect(readSshConfigHosts(file).map((h) => h.host)).toEqual(['web.example.com']);
      // A directory is not readable as a config: a clear invalid-input error, not a crash.
      expect(() => readSshConfigHosts(dir)).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
