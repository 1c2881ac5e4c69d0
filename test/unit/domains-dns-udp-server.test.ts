import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { isIPv6 } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDns, serverAddresses } from '../../src/main/core/domains/dns-check';

/**
 * A tiny authoritative DNS server on loopback UDP, answering A/AAAA from a table: NXDOMAIN for
 * names it does not know, NOERROR with no answer (NODATA) for a known name without that type,
 * SERVFAIL for names listed in `failing`. Enough wire format for c-ares (what node:dns uses).
 */
interface Zone {
  [name: string]: { A?: string[]; AAAA?: string[] };
}

const TYPE_A = 1;
const TYPE_AAAA = 28;
const RCODE_SERVFAIL = 2;
const RCODE_NXDOMAIN = 3;

function ipv6Bytes(address: string): Buffer {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  const groups = [...headGroups, ...zeros, ...tailGroups];
  const bytes = Buffer.alloc(16);
  groups.forEach((group, i) => bytes.writeUInt16BE(parseInt(group, 16), i * 2));
  return bytes;
}

function rdata(type: number, address: string): Buffer {
  if (type === TYPE_A) return Buffer.from(address.split('.').map(Number));
  if (!isIPv6(address)) throw new Error(`not IPv6: ${address}`);
  return ipv6Bytes(address);
}

/** Reads the question's name; returns it lowercased and the offset just past it. */
function readName(message: Buffer, start: number): { name: string; end: number } {
  const labels: string[] = [];
  let offset = start;
  for (;;) {
    const length = message[offset]!;
    offset += 1;
    if (length === 0) break;
    labels.push(message.subarray(offset, offset + length).toString('ascii'));
    offset += length;
  }
  return { name: labels.join('.').toLowerCase(), end: offset };
}

function answer(query: Buffer, zone: Zone, failing: Set<string>): Buffer {
  const id = query.readUInt16BE(0);
  const recursionDesired = query.readUInt16BE(2) & 0x0100;
  const { name, end } = readName(query, 12);
  const type = query.readUInt16BE(end);
  const question = query.subarray(12, end + 4); // name, type, class: echoed as asked

  let rcode = 0;
  let addresses: string[] = [];
  if (failing.has(name)) rcode = RCODE_SERVFAIL;
  else if (!zone[name]) rcode = RCODE_NXDOMAIN;
  else addresses = (type === TYPE_A ? zone[name].A : type === TYPE_AAAA ? zone[name].AAAA : undefined) ?? [];

  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x8000 | 0x0400 | recursionDesired | 0x0080 | rcode, 2); // QR, AA, RD, RA, RCODE
  header.writeUInt16BE(1, 4); // QDCOUNT
  header.writeUInt16BE(addresses.length, 6); // ANCOUNT
  const answers = addresses.map((address) => {
    const data = rdata(type, address);
    const record = Buffer.alloc(12);
    record.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    record.writeUInt16BE(type, 2);
    record.writeUInt16BE(1, 4); // class IN
    record.writeUInt32BE(60, 6); // TTL
    record.writeUInt16BE(data.length, 10);
    return Buffer.concat([record, data]);
  });
  return Buffer.concat([header, question, ...answers]);
}

interface TestDnsServer {
  port: number;
  queries: string[];
  close(): Promise<void>;
}

function startDnsServer(zone: Zone, failing: string[] = []): Promise<TestDnsServer> {
  const socket: Socket = createSocket('udp4');
  const queries: string[] = [];
  const failingSet = new Set(failing);
  socket.on('message', (message: Buffer, remote: RemoteInfo) => {
    try {
      const { name, end } = readName(message, 12);
      queries.push(`${message.readUInt16BE(end) === TYPE_AAAA ? 'AAAA' : 'A'} ${name}`);
      socket.send(answer(message, zone, failingSet), remote.port, remote.address);
    } catch {
      // a malformed query gets no answer
    }
  });
  return new Promise((resolve) => {
    socket.bind(0, '127.0.0.1', () =>
      resolve({
        port: socket.address().port,
        queries,
        close: () => new Promise<void>((done) => socket.close(() => done())),
      }),
    );
  });
}

describe('checkDns through node:dns against a DNS server the test controls', () => {
  let dns: TestDnsServer;
  let resolver: Resolver;

  beforeAll(async () => {
    dns = await startDnsServer(
      {
        'ok.example.test': { A: ['203.0.113.7'], AAAA: ['2001:db8::7'] },
        'only-v4.example.test': { A: ['203.0.113.7'] },
        'elsewhere.example.test': { A: ['198.51.100.1', '203.0.113.7'] },
        'server.example.test': { A: ['203.0.113.7'], AAAA: ['2001:db8:0:0::7'] },
      },
      ['broken.example.test'],
    );
    resolver = new Resolver({ timeout: 500, tries: 1 });
    resolver.setServers([`127.0.0.1:${dns.port}`]);
  });
  afterAll(async () => {
    await dns?.close();
  });

  it('resolves the server name to its own A and AAAA addresses', async () => {
    await expect(serverAddresses('server.example.test', resolver)).resolves.toEqual(['203.0.113.7', '2001:db8::7']);
  });

  it('gives ok, pending, mismatch and a failed lookup their statuses', async () => {
    const expected = await serverAddresses('server.example.test', resolver);
    const statuses = await checkDns(
      [
        'ok.example.test',
        'only-v4.example.test',
        'missing.example.test',
        'elsewhere.example.test',
        'broken.example.test',
      ],
      expected,
      resolver,
    );
    const byHost = Object.fromEntries(statuses.map((s) => [s.host, s]));

    expect(byHost['ok.example.test']).toMatchObject({
      status: 'ok',
      found: ['203.0.113.7', '2001:db8::7'],
      instructions: [],
    });
    // NOERROR with no AAAA answer (ENODATA) is simply "no AAAA record"
    expect(byHost['only-v4.example.test']).toMatchObject({ status: 'ok', found: ['203.0.113.7'] });
    // NXDOMAIN
    expect(byHost['missing.example.test']).toMatchObject({
      status: 'pending',
      found: [],
      instructions: ['A missing.example.test → 203.0.113.7', 'AAAA missing.example.test → 2001:db8::7'],
    });
    expect(byHost['elsewhere.example.test']).toMatchObject({
      status: 'mismatch',
      found: ['198.51.100.1', '203.0.113.7'],
      expected: ['203.0.113.7', '2001:db8::7'],
    });
    expect(byHost['elsewhere.example.test']!.instructions).toContain(
      'Remove A elsewhere.example.test → 198.51.100.1 (not this server)',
    );
    // SERVFAIL is not "no record": pending, with the resolver's error
    expect(byHost['broken.example.test']!.status).toBe('pending');
    expect(byHost['broken.example.test']!.instructions[0]).toMatch(
      /lookup for broken\.example\.test failed: .*SERVFAIL/,
    );

    // the answers really came over the wire from our server
    expect(dns.queries).toEqual(expect.arrayContaining(['A ok.example.test', 'AAAA ok.example.test']));
  });

  it('reports an unanswering DNS server as pending, not as a missing record', async () => {
    const silent = createSocket('udp4'); // bound, never answers
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', () => resolve()));
    try {
      const deaf = new Resolver({ timeout: 200, tries: 1 });
      deaf.setServers([`127.0.0.1:${silent.address().port}`]);
      const [status] = await checkDns(['ok.example.test'], ['203.0.113.7'], deaf);
      expect(status!.status).toBe('pending');
      expect(status!.instructions[0]).toMatch(/ETIMEOUT|timeout/i);
    } finally {
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
