import { describe, expect, it } from 'vitest';
import type { ServerDto, SshConfigHostDto } from '../../src/shared/dto/server';
import {
  buildAddServerInput,
  buildUpdateServerInput,
  emptyServerForm,
  formFromServer,
  formFromSshConfigHost,
  serverNameFromAlias,
  type ServerFormValues,
} from '../../src/renderer/src/lib/server-form';

const filled = (patch: Partial<ServerFormValues> = {}): ServerFormValues => ({
  ...emptyServerForm(),
  name: 'prod-1',
  host: 'prod.example.com',
  port: '2222',
  user: 'deploy',
  keyPath: '~/.ssh/id_ed25519',
  ...patch,
});

const server: ServerDto = {
  id: 'srv_1',
  name: 'prod-1',
  host: 'prod.example.com',
  port: 22,
  user: 'deploy',
  auth: { kind: 'key', keyPath: '~/.ssh/id_ed25519', hasPassphrase: true },
  proxyJumpServerId: null,
  hostKeyFingerprint: 'SHA256:' + 'A'.repeat(43),
  dockerSocketPath: '/var/run/docker.sock',
  forwardAgent: false,
  publicAddress: null,
  acmeEmail: null,
  wildcardDomain: null,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
};

describe('renderer server form', () => {
  it('starts with port 22, key auth and the default Docker socket', () => {
    const form = emptyServerForm();
    expect(form.port).toBe('22');
    expect(form.authKind).toBe('key');
    expect(form.dockerSocketPath).toBe('/var/run/docker.sock');
  });

  it('builds the add input (without the host-key answer)', () => {
    const result = buildAddServerInput(filled({ passphrase: 'secret' }));
    expect(result).toEqual({
      ok: true,
      input: {
        name: 'prod-1',
        host: 'prod.example.com',
        port: 2222,
        user: 'deploy',
        auth: { kind: 'key', keyPath: '~/.ssh/id_ed25519', passphrase: 'secret' },
        proxyJumpServerId: null,
        dockerSocketPath: '/var/run/docker.sock',
        forwardAgent: false,
        publicAddress: null,
      },
    });
    const forwarding = buildAddServerInput(filled({ forwardAgent: true }));
    expect(forwarding.ok && forwarding.input.forwardAgent).toBe(true);
  });

  it('omits an empty passphrase and ignores key fields for the agent', () => {
    const key = buildAddServerInput(filled());
    expect(key.ok && key.input.auth).toEqual({ kind: 'key', keyPath: '~/.ssh/id_ed25519' });
    const agent = buildAddServerInput(filled({ authKind: 'agent', keyPath: '' }));
    expect(agent.ok && agent.input.auth).toEqual({ kind: 'agent' });
  });

  it('reports missing and invalid fields by name', () => {
    const empty = buildAddServerInput(emptyServerForm());
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(Object.keys(empty.errors).sort()).toEqual(['host', 'keyPath', 'name', 'user']);

    const bad = buildAddServerInput(filled({ name: '-bad name', host: 'bad_host!', port: '70000' }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.port).toMatch(/1 to 65535/);

    const badNames = buildAddServerInput(filled({ name: '-bad', host: 'bad_host!' }));
    expect(badNames.ok).toBe(false);
    if (!badNames.ok) {
      expect(badNames.errors.name).toMatch(/server name/);
      expect(badNames.errors.host).toMatch(/host/);
    }

    const relative = buildAddServerInput(filled({ keyPath: 'id_rsa' }));
    expect(relative.ok).toBe(false);
    if (!relative.ok) expect(relative.errors.keyPath).toMatch(/absolute/);

    const noPassword = buildAddServerInput(filled({ authKind: 'password', password: '' }));
    expect(noPassword.ok).toBe(false);
    if (!noPassword.ok) expect(noPassword.errors.password).toBeDefined();
  });

  it('turns ssh config aliases into valid server names', () => {
    expect(serverNameFromAlias('web prod')).toBe('web-prod');
    expect(serverNameFromAlias('.hidden')).toBe('hidden');
    expect(serverNameFromAlias('db.internal')).toBe('db.internal');
    expect(serverNameFromAlias('***')).toBe('');
  });

  it('pre-fills from an ~/.ssh/config host', () => {
    const host: SshConfigHostDto = {
      alias: 'web',
      host: '10.0.0.5',
      port: 2200,
      user: 'ops',
      identityFile: '~/.ssh/web_key',
      proxyJump: 'bastion',
      proxyJumpServerId: 'srv_bastion',
      alreadySaved: false,
    };
    const form = formFromSshConfigHost(host, emptyServerForm());
    expect(form).toMatchObject({
      name: 'web',
      host: '10.0.0.5',
      port: '2200',
      user: 'ops',
      authKind: 'key',
      keyPath: '~/.ssh/web_key',
      proxyJumpServerId: 'srv_bastion',
    });
    const withoutUser = formFromSshConfigHost(
      { ...host, user: null, identityFile: null },
      { ...emptyServerForm(), user: 'me', authKind: 'agent' },
    );
    expect(withoutUser.user).toBe('me');
    expect(withoutUser.authKind).toBe('agent');
  });

  it('sends only what changed when editing', () => {
    const unchanged = buildUpdateServerInput(server, formFromServer(server));
    expect(unchanged).toEqual({ ok: true, input: { input: { id: 'srv_1' }, needsHostKey: false } });

    const renamed = buildUpdateServerInput(server, { ...formFromServer(server), name: 'prod-2' });
    expect(renamed).toEqual({ ok: true, input: { input: { id: 'srv_1', name: 'prod-2' }, needsHostKey: false } });

    const moved = buildUpdateServerInput(server, { ...formFromServer(server), port: '2222' });
    expect(moved.ok && moved.input).toEqual({ input: { id: 'srv_1', port: 2222 }, needsHostKey: true });

    const toAgent = buildUpdateServerInput(server, { ...formFromServer(server), authKind: 'agent' });
    expect(toAgent.ok && toAgent.input.input.auth).toEqual({ kind: 'agent' });

    const forwarding = buildUpdateServerInput(server, { ...formFromServer(server), forwardAgent: true });
    expect(forwarding.ok && forwarding.input).toEqual({
      input: { id: 'srv_1', forwardAgent: true },
      needsHostKey: false,
    });
  });

  it('sets, keeps and clears the public address (trimmed; empty means at the host), and names a bad one', () => {
    const set = buildUpdateServerInput(server, { ...formFromServer(server), publicAddress: ' 203.0.113.7 ' });
    expect(set.ok && set.input).toEqual({ input: { id: 'srv_1', publicAddress: '203.0.113.7' }, needsHostKey: false });
    const withAddress: ServerDto = { ...server, publicAddress: '203.0.113.7' };
    expect(formFromServer(withAddress).publicAddress).toBe('203.0.113.7');
    const kept = buildUpdateServerInput(withAddress, formFromServer(withAddress));
    expect(kept.ok && kept.input.input).toEqual({ id: 'srv_1' });
    const cleared = buildUpdateServerInput(withAddress, { ...formFromServer(withAddress), publicAddress: '' });
    expect(cleared.ok && cleared.input.input).toEqual({ id: 'srv_1', publicAddress: null });
    const bad = buildAddServerInput(filled({ publicAddress: 'not an address' }));
    expect(bad).toEqual({ ok: false, errors: { publicAddress: expect.stringMatching(/^a host is a DNS name/) } });
    expect(buildAddServerInput(filled({ publicAddress: 'edge.example.com' }))).toMatchObject({
      ok: true,
      input: { publicAddress: 'edge.example.com' },
    });
  });

  it('keeps stored secrets unless a new one is typed', () => {
    const passwordServer: ServerDto = { ...server, auth: { kind: 'password' } };
    const keep = buildUpdateServerInput(passwordServer, formFromServer(passwordServer));
    expect(keep.ok && keep.input.input.auth).toBeUndefined();
    const change = buildUpdateServerInput(passwordServer, { ...formFromServer(passwordServer), password: 'new' });
    expect(change.ok && change.input.input.auth).toEqual({ kind: 'password', password: 'new' });
    const switchToPassword = buildUpdateServerInput(server, { ...formFromServer(server), authKind: 'password' });
    expect(switchToPassword.ok).toBe(false);
  });
});
