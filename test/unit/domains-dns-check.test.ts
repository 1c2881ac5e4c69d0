import { describe, expect, it } from 'vitest';
import { checkDns, publicAddressOf, serverAddresses, type DnsResolver } from '../../src/main/core/domains/dns-check';

function dnsError(code: string): Error {
  return Object.assign(new Error(`query failed ${code}`), { code });
}

/** A resolver answering from tables; a string value is the code of an error to throw. */
function fakeResolver(a: Record<string, string[] | string>, aaaa: Record<string, string[] | string> = {}): DnsResolver {
  const answer = async (table: Record<string, string[] | string>, host: string): Promise<string[]> => {
    const entry = table[host];
    if (entry === undefined) throw dnsError('ENOTFOUND');
    if (typeof entry === 'string') throw dnsError(entry);
    return entry;
  };
  return { resolve4: (host) => answer(a, host), resolve6: (host) => answer(aaaa, host) };
}

const SERVER = ['203.0.113.7'];

describe('checkDns (pure logic, fake resolver)', () => {
  it('is pending with the A record to create when the name does not exist', async () => {
    const [status] = await checkDns(['app.example.com'], SERVER, fakeResolver({}));
    expect(status).toMatchObject({
      host: 'app.example.com',
      status: 'pending',
      found: [],
      expected: ['203.0.113.7'],
      instructions: ['A app.example.com → 203.0.113.7'],
    });
    expect(Date.parse(status!.checkedAt)).not.toBeNaN();
  });

  it('treats ENODATA (the name exists, no record of that type) as no record', async () => {
    const [status] = await checkDns(['app.example.com'], SERVER, fakeResolver({ 'app.example.com': 'ENODATA' }));
    expect(status!.status).toBe('pending');
    expect(status!.instructions).toEqual(['A app.example.com → 203.0.113.7']);
  });

  it('asks for an AAAA record for an IPv6 server address', async () => {
    const [status] = await checkDns(['app.example.com'], ['203.0.113.7', '2001:db8::7'], fakeResolver({}));
    expect(status!.instructions).toEqual(['A app.example.com → 203.0.113.7', 'AAAA app.example.com → 2001:db8::7']);
  });

  it('is ok when every address found is one of the server’s', async () => {
    const resolver = fakeResolver({ 'app.example.com': ['203.0.113.7'] }, { 'app.example.com': ['2001:DB8:0::7'] });
    const [status] = await checkDns(['app.example.com'], ['203.0.113.7', '2001:db8::7'], resolver);
    expect(status).toMatchObject({ status: 'ok', found: ['203.0.113.7', '2001:db8::7'], instructions: [] });
  });

  it('is ok with only the A record even when the server also has IPv6', async () => {
    const resolver = fakeResolver({ 'app.example.com': ['203.0.113.7'] });
    const [status] = await checkDns(['app.example.com'], ['203.0.113.7', '2001:db8::7'], resolver);
    expect(status!.status).toBe('ok');
  });

  it('is a mismatch listing found vs expected and the record to change', async () => {
    const resolver = fakeResolver({ 'app.example.com': ['198.51.100.1'] });
    const [status] = await checkDns(['app.example.com'], SERVER, resolver);
    expect(status).toMatchObject({ status: 'mismatch', found: ['198.51.100.1'], expected: ['203.0.113.7'] });
    expect(status!.instructions).toEqual([
      'app.example.com points to 198.51.100.1, but the server is 203.0.113.7.',
      'Remove A app.example.com → 198.51.100.1 (not this server)',
      'A app.example.com → 203.0.113.7',
    ]);
  });

  it('is a mismatch when one of several records points elsewhere', async () => {
    const resolver = fakeResolver({ 'app.example.com': ['203.0.113.7', '198.51.100.1'] });
    const [status] = await checkDns(['app.example.com'], SERVER, resolver);
    expect(status!.status).toBe('mismatch');
    expect(status!.instructions).toContain('Remove A app.example.com → 198.51.100.1 (not this server)');
    expect(status!.instructions).not.toContain('A app.example.com → 203.0.113.7');
  });

  it('flags an AAAA record when the server has no IPv6 address', async () => {
    const resolver = fakeResolver({ 'app.example.com': ['203.0.113.7'] }, { 'app.example.com': ['2001:db8::99'] });
    const [status] = await checkDns(['app.example.com'], SERVER, resolver);
    expect(status!.status).toBe('mismatch');
    expect(status!.instructions).toContain(
      'Remove AAAA app.example.com → 2001:db8::99 (the server has no IPv6 address)',
    );
  });

  it('treats other lookup errors as pending and says why', async () => {
    const resolver = fakeResolver({ 'app.example.com': 'ETIMEOUT' });
    const [status] = await checkDns(['app.example.com'], SERVER, resolver);
    expect(status!.status).toBe('pending');
    expect(status!.instructions[0]).toMatch(/A lookup for app\.example\.com failed: .*ETIMEOUT/);
    expect(status!.instructions).toContain('A app.example.com → 203.0.113.7');
  });

  it('never calls a half-answered lookup ok', async () => {
    const resolver = fakeResolver({ 'app.example.com': ['203.0.113.7'] }, { 'app.example.com': 'ESERVFAIL' });
    const [status] = await checkDns(['app.example.com'], SERVER, resolver);
    expect(status!.status).toBe('pending');
    expect(status!.found).toEqual(['203.0.113.7']);
    expect(status!.instructions.join('\n')).toMatch(/AAAA lookup .*ESERVFAIL/);
  });

  it('is pending, not a mismatch, when the server address is unknown', async () => {
    const resolver = fakeResolver({ 'app.example.com': ['198.51.100.1'] });
    const [status] = await checkDns(['app.example.com'], [], resolver);
    expect(status!.status).toBe('pending');
    expect(status!.instructions.join('\n')).toMatch(/server's public address is unknown/);
  });

  it('checks several hosts, in order', async () => {
    const resolver = fakeResolver({ 'a.example.com': ['203.0.113.7'], 'b.example.com': ['198.51.100.1'] });
    const statuses = await checkDns(['a.example.com', 'b.example.com', 'c.example.com'], SERVER, resolver);
    expect(statuses.map((s) => [s.host, s.status])).toEqual([
      ['a.example.com', 'ok'],
      ['b.example.com', 'mismatch'],
      ['c.example.com', 'pending'],
    ]);
  });
});

describe('publicAddressOf', () => {
  it('is the public address when the server has one (a jump host, a private address), else its host', () => {
    expect(publicAddressOf({ host: '10.0.0.5', publicAddress: '203.0.113.7' })).toBe('203.0.113.7');
    expect(publicAddressOf({ host: 'web.example.com', publicAddress: null })).toBe('web.example.com');
  });
});

describe('serverAddresses', () => {
  it('is the IP itself for an IP host (IPv4, IPv6, bracketed IPv6)', async () => {
    const resolver = fakeResolver({});
    await expect(serverAddresses('203.0.113.7', resolver)).resolves.toEqual(['203.0.113.7']);
    await expect(serverAddresses('2001:DB8::7', resolver)).resolves.toEqual(['2001:db8::7']);
    await expect(serverAddresses('[2001:db8::7]', resolver)).resolves.toEqual(['2001:db8::7']);
  });

  it('resolves a name via A and AAAA', async () => {
    const resolver = fakeResolver({ 'srv.example.com': ['203.0.113.7'] }, { 'srv.example.com': ['2001:db8::7'] });
    await expect(serverAddresses('srv.example.com', resolver)).resolves.toEqual(['203.0.113.7', '2001:db8::7']);
  });

  it('is empty for a name without records, and rejects when the lookup itself fails', async () => {
    await expect(serverAddresses('nowhere.example.com', fakeResolver({}))).resolves.toEqual([]);
    await expect(
      serverAddresses(
        'srv.example.com',
        fakeResolver({ 'srv.example.com': 'ETIMEOUT' }, { 'srv.example.com': 'ETIMEOUT' }),
      ),
    ).rejects.toThrow(/Could not find the server's address/);
  });
});
