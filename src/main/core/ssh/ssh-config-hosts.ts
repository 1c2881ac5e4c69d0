import { readFileSync } from 'node:fs';
import { parse } from 'ssh-config';
import type { SshConfigHostDto } from '../../../shared/dto/server';
import { MistError } from '../../../shared/errors';
import { isValidHost } from '../../../shared/name-rules';

/** What the config file itself says; the service adds which saved servers it corresponds to. */
export type SshConfigHost = Omit<SshConfigHostDto, 'proxyJumpServerId' | 'alreadySaved'>;

/**
 * The concrete hosts in an OpenSSH client config (`Host` entries without wildcards), each with
 * its effective HostName, User, Port, IdentityFile and ProxyJump as ssh itself would compute them.
 */
export function listSshConfigHosts(text: string): SshConfigHost[] {
  const config = parse(text);
  const aliases: string[] = [];
  for (const line of config) {
    if (!('param' in line) || line.param.toLowerCase() !== 'host') continue;
    const values = typeof line.value === 'string' ? [line.value] : line.value.map((v) => v.val);
    for (const alias of values) {
      if (!/[*?!]/.test(alias) && !aliases.includes(alias)) aliases.push(alias);
    }
  }
  const hosts: SshConfigHost[] = [];
  for (const alias of aliases) {
    // Keywords are case-insensitive in ssh_config; never run `Match exec` commands just to list hosts.
    const computed = config.compute(alias, { ignoreCase: true, matchExec: false });
    const host = first(computed.hostname) ?? alias;
    if (!isValidHost(host)) continue; // e.g. %h tokens we cannot expand
    const port = Number(first(computed.port) ?? 22);
    const jump = first(computed.proxyjump);
    hosts.push({
      alias,
      host,
      port: Number.isInteger(port) && port > 0 && port < 65536 ? port : 22,
      user: first(computed.user) ?? null,
      identityFile: first(computed.identityfile) ?? null,
      // With several hops, the one right before the target is the last in the list.
      proxyJump: jump && jump.toLowerCase() !== 'none' ? (jump.split(',').at(-1) ?? null) : null,
    });
  }
  return hosts;
}

export function readSshConfigHosts(path: string): SshConfigHost[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new MistError('invalid-input', `Cannot read ${path}: ${(error as Error).message}`);
  }
  return listSshConfigHosts(text);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
