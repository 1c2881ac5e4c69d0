import type { z } from 'zod';
import type { ServerDto, SshConfigHostDto } from '../../../shared/dto/server';
import { SERVER_NAME_PATTERN } from '../../../shared/name-rules';
import {
  addServerInputSchema,
  updateServerInputSchema,
  type AddServerInput,
  type AuthInput,
  type UpdateServerInput,
} from '../../../shared/schemas/server';

/**
 * The Add/Edit server form as plain data, and its conversion into API inputs. Pure: the same zod
 * schemas the core enforces give instant feedback here (unit-tested in renderer-server-form.test.ts).
 */

export type AuthKind = AuthInput['kind'];

export interface ServerFormValues {
  name: string;
  host: string;
  port: string;
  user: string;
  authKind: AuthKind;
  keyPath: string;
  passphrase: string;
  password: string;
  /** '' means a direct connection. */
  proxyJumpServerId: string;
  dockerSocketPath: string;
  /** Forward the local ssh-agent to git on this server (private repositories over ssh). */
  forwardAgent: boolean;
  /** Where visitors reach the server, when not at `host`; '' means at `host`. */
  publicAddress: string;
}

export type ServerFormField = keyof ServerFormValues;
export type ServerFormErrors = Partial<Record<ServerFormField, string>>;

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

export function emptyServerForm(): ServerFormValues {
  return {
    name: '',
    host: '',
    port: '22',
    user: '',
    authKind: 'key',
    keyPath: '',
    passphrase: '',
    password: '',
    proxyJumpServerId: '',
    dockerSocketPath: DEFAULT_DOCKER_SOCKET,
    forwardAgent: false,
    publicAddress: '',
  };
}

export function formFromServer(server: ServerDto): ServerFormValues {
  return {
    name: server.name,
    host: server.host,
    port: String(server.port),
    user: server.user,
    authKind: server.auth.kind,
    keyPath: server.auth.kind === 'key' ? server.auth.keyPath : '',
    passphrase: '',
    password: '',
    proxyJumpServerId: server.proxyJumpServerId ?? '',
    dockerSocketPath: server.dockerSocketPath,
    forwardAgent: server.forwardAgent,
    publicAddress: server.publicAddress ?? '',
  };
}

/** A server name from an ssh config alias: invalid characters become '-'. */
export function serverNameFromAlias(alias: string): string {
  const cleaned = alias
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 63);
  return SERVER_NAME_PATTERN.test(cleaned) ? cleaned : '';
}

/** Pre-fills the form from a `~/.ssh/config` host, keeping what the config does not say. */
export function formFromSshConfigHost(host: SshConfigHostDto, current: ServerFormValues): ServerFormValues {
  return {
    ...current,
    name: serverNameFromAlias(host.alias) || current.name,
    host: host.host,
    port: String(host.port),
    user: host.user ?? current.user,
    authKind: host.identityFile ? 'key' : current.authKind,
    keyPath: host.identityFile ?? current.keyPath,
    proxyJumpServerId: host.proxyJumpServerId ?? '',
  };
}

export type FormResult<T> = { ok: true; input: T } | { ok: false; errors: ServerFormErrors };

function parsePort(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return null;
  const port = Number(trimmed);
  return port >= 1 && port <= 65535 ? port : null;
}

function requiredErrors(values: ServerFormValues, options: { secretRequired: boolean }): ServerFormErrors {
  const errors: ServerFormErrors = {};
  if (!values.name.trim()) errors.name = 'Enter a name for this server.';
  if (!values.host.trim()) errors.host = 'Enter the host name or IP address.';
  if (parsePort(values.port) === null) errors.port = 'The port is a number from 1 to 65535.';
  if (!values.user.trim()) errors.user = 'Enter the SSH user.';
  if (values.authKind === 'key' && !values.keyPath.trim()) errors.keyPath = 'Enter the path of the private key.';
  if (values.authKind === 'password' && options.secretRequired && !values.password)
    errors.password = 'Enter the password.';
  return errors;
}

const FIELD_BY_PATH: Record<string, ServerFormField> = {
  name: 'name',
  host: 'host',
  port: 'port',
  user: 'user',
  'auth.keyPath': 'keyPath',
  'auth.passphrase': 'passphrase',
  'auth.password': 'password',
  auth: 'authKind',
  proxyJumpServerId: 'proxyJumpServerId',
  dockerSocketPath: 'dockerSocketPath',
  publicAddress: 'publicAddress',
};

function zodErrors(error: z.ZodError): ServerFormErrors {
  const errors: ServerFormErrors = {};
  for (const issue of error.issues) {
    const field = FIELD_BY_PATH[issue.path.map(String).join('.')] ?? FIELD_BY_PATH[String(issue.path[0])];
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

function authFromForm(values: ServerFormValues): AuthInput {
  switch (values.authKind) {
    case 'key':
      return values.passphrase
        ? { kind: 'key', keyPath: values.keyPath.trim(), passphrase: values.passphrase }
        : { kind: 'key', keyPath: values.keyPath.trim() };
    case 'agent':
      return { kind: 'agent' };
    case 'password':
      return { kind: 'password', password: values.password };
  }
}

const addWithoutHostKey = addServerInputSchema.omit({ hostKey: true });
export type AddServerDraft = Omit<AddServerInput, 'hostKey'>;

/** The `servers.add` input minus the host-key decision, which the prompt supplies. */
export function buildAddServerInput(values: ServerFormValues): FormResult<AddServerDraft> {
  const missing = requiredErrors(values, { secretRequired: true });
  if (Object.keys(missing).length > 0) return { ok: false, errors: missing };
  const parsed = addWithoutHostKey.safeParse({
    name: values.name,
    host: values.host,
    port: parsePort(values.port),
    user: values.user,
    auth: authFromForm(values),
    proxyJumpServerId: values.proxyJumpServerId || null,
    dockerSocketPath: values.dockerSocketPath.trim() || DEFAULT_DOCKER_SOCKET,
    forwardAgent: values.forwardAgent,
    publicAddress: values.publicAddress.trim() || null,
  });
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, errors: zodErrors(parsed.error) };
}

export interface UpdateDraft {
  input: Omit<UpdateServerInput, 'hostKey'>;
  /** Host or port changed: the new address must present a key the user accepts. */
  needsHostKey: boolean;
}

/** Only what changed; secrets left empty keep the stored ones. */
export function buildUpdateServerInput(server: ServerDto, values: ServerFormValues): FormResult<UpdateDraft> {
  const kindChanged = values.authKind !== server.auth.kind;
  const missing = requiredErrors(values, { secretRequired: kindChanged });
  if (Object.keys(missing).length > 0) return { ok: false, errors: missing };

  const port = parsePort(values.port) ?? server.port;
  const candidate: Record<string, unknown> = { id: server.id };
  if (values.name.trim() !== server.name) candidate.name = values.name;
  if (values.host.trim() !== server.host) candidate.host = values.host;
  if (port !== server.port) candidate.port = port;
  if (values.user.trim() !== server.user) candidate.user = values.user;
  const keyPathChanged = server.auth.kind === 'key' && values.keyPath.trim() !== server.auth.keyPath;
  const authChanged =
    kindChanged ||
    (values.authKind === 'key' && (keyPathChanged || values.passphrase !== '')) ||
    (values.authKind === 'password' && values.password !== '');
  if (authChanged) candidate.auth = authFromForm(values);
  const jump = values.proxyJumpServerId || null;
  if (jump !== server.proxyJumpServerId) candidate.proxyJumpServerId = jump;
  const socket = values.dockerSocketPath.trim() || DEFAULT_DOCKER_SOCKET;
  if (socket !== server.dockerSocketPath) candidate.dockerSocketPath = socket;
  if (values.forwardAgent !== server.forwardAgent) candidate.forwardAgent = values.forwardAgent;
  const publicAddress = values.publicAddress.trim() || null;
  if (publicAddress !== server.publicAddress) candidate.publicAddress = publicAddress;

  const parsed = updateServerInputSchema.omit({ hostKey: true }).safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  return { ok: true, input: { input: parsed.data, needsHostKey: 'host' in candidate || 'port' in candidate } };
}
