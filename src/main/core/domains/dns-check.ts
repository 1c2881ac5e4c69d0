import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { DnsStatusDto } from '../../../shared/dto/domain';

/**
 * DNS check for web app domains: resolves A/AAAA from this desktop (the way the user's visitors and
 * Let's Encrypt will) and compares the answers with the server's own addresses.
 */

/** The part of node:dns/promises' `Resolver` the check uses; tests pass their own. */
export interface DnsResolver {
  resolve4(host: string): Promise<string[]>;
  resolve6(host: string): Promise<string[]>;
}

/** The desktop's system DNS servers, through node:dns (c-ares), with a bounded wait per query. */
export function systemResolver(options: { timeoutMs?: number; tries?: number } = {}): DnsResolver {
  return new Resolver({ timeout: options.timeoutMs ?? 3_000, tries: options.tries ?? 2 });
}

/** Answers that mean "no such record", as opposed to "the lookup itself failed". */
const NOT_FOUND_CODES = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN', 'NODATA', 'NOTFOUND']);

type Family = 'A' | 'AAAA';

interface LookupResult {
  addresses: string[];
  /** Set when the lookup failed for another reason than a missing record (timeout, SERVFAIL…). */
  error: string | null;
}

async function lookup(resolver: DnsResolver, host: string, family: Family): Promise<LookupResult> {
  try {
    const addresses = family === 'A' ? await resolver.resolve4(host) : await resolver.resolve6(host);
    return { addresses: addresses.map(normalizeAddress), error: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code && NOT_FOUND_CODES.has(code)) return { addresses: [], error: null };
    const reason = (error as Error).message || String(error);
    return { addresses: [], error: `${family} lookup for ${host} failed: ${reason}` };
  }
}

/** One spelling per address, so "2001:DB8:0::1" and "2001:db8::1" compare equal. */
function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  if (isIP(trimmed) !== 6) return trimmed;
  try {
    return new URL(`http://[${trimmed}]/`).hostname.slice(1, -1);
  } catch {
    return trimmed.toLowerCase();
  }
}

function familyOf(address: string): Family {
  return isIP(address) === 6 ? 'AAAA' : 'A';
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Where visitors reach a server: its public address when one is set, else the address Mist connects to. */
export function publicAddressOf(server: { host: string; publicAddress: string | null }): string {
  return server.publicAddress ?? server.host;
}

/**
 * The server's own public addresses: an IP host is itself; a name is resolved via A and AAAA.
 * A name with no records gives an empty list; a lookup that fails outright (no answer, SERVFAIL)
 * rejects, since an empty list would wrongly make every domain look "pending".
 */
export async function serverAddresses(host: string, resolver: DnsResolver = systemResolver()): Promise<string[]> {
  const bare = host.trim().replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare)) return [normalizeAddress(bare)];
  const [v4, v6] = await Promise.all([lookup(resolver, bare, 'A'), lookup(resolver, bare, 'AAAA')]);
  const addresses = unique([...v4.addresses, ...v6.addresses]);
  const errors = [v4.error, v6.error].filter((e): e is string => e !== null);
  if (addresses.length === 0 && errors.length > 0) {
    throw new Error(`Could not find the server's address: ${errors.join('; ')}`);
  }
  return addresses;
}

function recordsToCreate(host: string, expected: string[]): string[] {
  return expected.map((address) => `${familyOf(address)} ${host} → ${address}`);
}

const UNKNOWN_SERVER_ADDRESS =
  "The server's public address is unknown (its host name has no A/AAAA record), so the records cannot be checked.";

async function checkHost(
  host: string,
  expectedInput: string[],
  resolver: DnsResolver,
  checkedAt: string,
): Promise<DnsStatusDto> {
  const expected = unique(expectedInput.map(normalizeAddress));
  const [v4, v6] = await Promise.all([lookup(resolver, host, 'A'), lookup(resolver, host, 'AAAA')]);
  const found = unique([...v4.addresses, ...v6.addresses]);
  const errors = [v4.error, v6.error].filter((e): e is string => e !== null);
  const base = { host, found, expected, checkedAt };

  if (errors.length > 0) {
    // the answer is incomplete: never call it ok or mismatch on half the records
    const instructions = [...errors, 'Check the DNS again in a moment.'];
    if (found.length === 0) instructions.push(...recordsToCreate(host, expected));
    return { ...base, status: 'pending', instructions };
  }

  if (found.length === 0) {
    const instructions =
      expected.length > 0
        ? recordsToCreate(host, expected)
        : [`No A/AAAA record exists for ${host} yet.`, UNKNOWN_SERVER_ADDRESS];
    return { ...base, status: 'pending', instructions };
  }

  if (expected.length === 0) {
    return {
      ...base,
      status: 'pending',
      instructions: [`${host} points to ${found.join(', ')}.`, UNKNOWN_SERVER_ADDRESS],
    };
  }

  const wrong = found.filter((address) => !expected.includes(address));
  if (wrong.length === 0) return { ...base, status: 'ok', instructions: [] };

  const instructions = [`${host} points to ${found.join(', ')}, but the server is ${expected.join(', ')}.`];
  for (const address of wrong) {
    const family = familyOf(address);
    const serverHasFamily = expected.some((e) => familyOf(e) === family);
    instructions.push(
      `Remove ${family} ${host} → ${address}` +
        (serverHasFamily ? ' (not this server)' : ` (the server has no ${family === 'A' ? 'IPv4' : 'IPv6'} address)`),
    );
  }
  // create the server's records for every family that has a wrong record or none at all
  const wrongFamilies = new Set(wrong.map(familyOf));
  for (const address of expected) {
    if (found.includes(address)) continue;
    const family = familyOf(address);
    const familyFound = found.some((f) => familyOf(f) === family);
    if (wrongFamilies.has(family) || !familyFound) instructions.push(`${family} ${host} → ${address}`);
  }
  return { ...base, status: 'mismatch', instructions };
}

/**
 * Checks each domain's A/AAAA records against the server's addresses: `pending` when no record
 * exists (or the lookup failed), `ok` when every record found is one of the server's addresses,
 * `mismatch` otherwise, with the records to create or change in `instructions`.
 */
export async function checkDns(
  hosts: string[],
  serverAddressList: string[],
  resolver: DnsResolver = systemResolver(),
): Promise<DnsStatusDto[]> {
  const checkedAt = new Date().toISOString();
  return Promise.all(hosts.map((host) => checkHost(host, serverAddressList, resolver, checkedAt)));
}
