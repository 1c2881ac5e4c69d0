import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';
import type { AppDto } from '../../../shared/dto/app';
import type { ShellEventDto } from '../../../shared/dto/shell';
import { MistError } from '../../../shared/errors';
import { composeServiceOf, listComposeContainers } from '../compose/compose-status';
import { containerName } from '../deploy/container-replace';
import { openContainerShell, type ContainerShell, type TerminalSize } from './container-shell';

export interface ShellServiceDeps {
  docker(serverId: string): Dockerode;
  apps: { get(appId: string): AppDto };
}

export interface OpenShellInput extends TerminalSize {
  appId: string;
  service?: string;
}

/** Where events go: `push` false means "pause output until onDrain" (the API's StreamSink fits). */
export interface ShellEventSink {
  push(event: ShellEventDto): boolean;
  onDrain(listener: () => void): void;
}

/**
 * The open container shells. Each belongs to the stream that opened it: its random session id is
 * sent only to that stream's subscriber, input and resizes name it, and stopping the stream (the
 * subscriber leaves, or its API session closes) ends the exec.
 */
export class ShellService {
  private readonly sessions = new Map<string, ContainerShell>();

  constructor(private readonly deps: ShellServiceDeps) {}

  /** Starts a shell in the app's container and streams it into `sink`; returns how to end it. */
  open(input: OpenShellInput, sink: ShellEventSink): () => void {
    const app = this.deps.apps.get(input.appId);
    if (input.service !== undefined && app.type !== 'compose') {
      throw new MistError('invalid-input', `${app.name} is a ${app.type} app: only compose apps have services.`);
    }
    const sessionId = randomBytes(18).toString('base64url');
    let stopped = false;
    let shell: ContainerShell | null = null;
    let waiting = false;
    // the prompt may come before the shell is registered: it waits, so `started` is always first
    let early: string[] | null = [];
    const exitedEarly: { code?: number | null } = {};
    const docker = this.deps.docker(app.serverId);

    void (async () => {
      const target = await findContainer(docker, app, input.service);
      if (stopped) return;
      const opened = await openContainerShell(docker, target.id, input, {
        onOutput: (data) => {
          if (early) return void early.push(data);
          if (sink.push({ kind: 'output', data }) || waiting) return;
          // flow control: a renderer that falls behind pauses the exec's output (and its SSH channel)
          waiting = true;
          opened.pause();
          sink.onDrain(() => {
            waiting = false;
            opened.resume();
          });
        },
        onExit: (code) => {
          this.sessions.delete(sessionId);
          if (early) exitedEarly.code = code;
          else if (!stopped) sink.push({ kind: 'exit', code, message: null });
        },
      });
      if (stopped) return opened.close();
      shell = opened;
      this.sessions.set(sessionId, opened);
      sink.push({ kind: 'started', sessionId, container: target.name, service: target.service });
      const before = early.join('');
      early = null;
      if (before) sink.push({ kind: 'output', data: before });
      if (exitedEarly.code !== undefined) {
        this.sessions.delete(sessionId);
        sink.push({ kind: 'exit', code: exitedEarly.code, message: null });
      }
    })().catch((error: Error) => {
      if (!stopped) sink.push({ kind: 'exit', code: null, message: shellErrorMessage(app, error) });
    });

    return () => {
      stopped = true;
      this.sessions.delete(sessionId);
      shell?.close();
    };
  }

  input(sessionId: string, data: string): { ok: true } {
    this.session(sessionId).write(data);
    return { ok: true };
  }

  async resize(sessionId: string, size: TerminalSize): Promise<{ ok: true }> {
    await this.session(sessionId).resize(size);
    return { ok: true };
  }

  /** How many shells are open (tests). */
  get openCount(): number {
    return this.sessions.size;
  }

  closeAll(): void {
    for (const shell of this.sessions.values()) shell.close();
    this.sessions.clear();
  }

  private session(sessionId: string): ContainerShell {
    const shell = this.sessions.get(sessionId);
    if (!shell) throw new MistError('not-found', 'This shell has ended; open a new one.');
    return shell;
  }
}

async function findContainer(
  docker: Dockerode,
  app: AppDto,
  service: string | undefined,
): Promise<{ id: string; name: string; service: string | null }> {
  if (app.type !== 'compose') {
    const name = containerName(app.id);
    const info = await docker
      .getContainer(name)
      .inspect()
      .catch((error: { statusCode?: number }) => {
        if (error.statusCode === 404)
          throw new MistError('not-found', `${app.name} has no container on its server; deploy it first.`);
        throw error;
      });
    if (!info.State.Running) throw new MistError('conflict', `${app.name} is not running; start it first.`);
    return { id: info.Id, name, service: null };
  }
  const containers = (await listComposeContainers(docker, app.id)).map((c) => ({
    id: c.Id,
    name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
    service: composeServiceOf(c) ?? '?',
    running: c.State === 'running',
  }));
  const services = [...new Set(containers.map((c) => c.service))].sort();
  const chosen = service ?? (services.length === 1 ? services[0] : undefined);
  if (chosen === undefined) {
    if (services.length === 0)
      throw new MistError('not-found', `${app.name} has no containers on its server; deploy it first.`);
    throw new MistError('invalid-input', `Choose a service of ${app.name}: ${services.join(', ')}.`);
  }
  const ofService = containers.filter((c) => c.service === chosen);
  if (ofService.length === 0) throw new MistError('not-found', `${app.name} has no container for "${chosen}".`);
  const running = ofService.find((c) => c.running);
  if (!running) throw new MistError('conflict', `The service "${chosen}" of ${app.name} is not running.`);
  return { id: running.id, name: running.name, service: chosen };
}

function shellErrorMessage(app: AppDto, error: Error): string {
  if (error instanceof MistError) return error.message;
  return `Could not open a shell in ${app.name}: ${error.message}`;
}
