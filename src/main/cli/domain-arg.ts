import { apiDefinition } from '../../shared/api';
import { expectPositionals, flagOption, parseCommandArgs, type OptionSpecs } from './args';
import { parseAppRef, type AppRef } from './resolve';
import { usageErrorFromZod } from './validate';

/** The `host` of the domain channels: the shared domain rule (RFC 1123 labels, IDN to punycode). */
const hostSchema = apiDefinition['domains.add'].input.shape.host;

/** DOMAIN as typed, checked by the channel's own rule; a refused domain is a usage error (exit 2). */
export function checkDomainArg(text: string, command: string): string {
  const checked = hostSchema.safeParse(text);
  if (!checked.success) throw usageErrorFromZod(checked.error, command, { '': 'DOMAIN' });
  return text;
}

export interface DomainChangeArgs {
  ref: AppRef;
  domain: string;
  apply: boolean;
  json: boolean;
}

export const DOMAIN_CHANGE_OPTIONS: OptionSpecs = {
  apply: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** `PROJECT/APP DOMAIN [--apply] [--json]`, shared by `domain add` and `domain remove`. */
export function parseDomainChangeArgs(command: string, args: string[]): DomainChangeArgs {
  const { values, positionals } = parseCommandArgs(command, args, DOMAIN_CHANGE_OPTIONS);
  const [refText, domain] = expectPositionals(command, positionals, ['PROJECT/APP', 'DOMAIN']) as [string, string];
  const ref = parseAppRef(refText, command);
  return {
    ref,
    domain: checkDomainArg(domain, command),
    apply: flagOption(values, 'apply'),
    json: flagOption(values, 'json'),
  };
}
