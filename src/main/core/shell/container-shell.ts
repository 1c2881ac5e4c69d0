import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';

/** bash where the image has it, else sh: one exec, no extra round trip to look first. */
export const PICK_SHELL = 'if [ -x /bin/bash ]; then exec /bin/bash; fi; exec /bin/sh';

/**
 * Docker cannot end an exec: closing its connection leaves the shell running (its TTY never sees
 * EOF). So every shell carries a random marker in its environment, and closing it hangs up every
 * process that inherited the marker, as closing a terminal does (SIGHUP, SIGKILL 2 s later).
 */
export const HANG_UP =
  'm="MIST_SHELL=$1"; pids=""; ' +
  'for d in /proc/[0-9]*; do grep -qs -- "$m" "$d/environ" && pids="$pids ${d#/proc/}"; done; ' +
  '[ -n "$pids" ] || exit 0; kill -HUP $pids 2>/dev/null; sleep 2; kill -KILL $pids 2>/dev/null; exit 0';

export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface ContainerShell {
  write(data: string): void;
  resize(size: TerminalSize): Promise<void>;
  pause(): void;
  resume(): void;
  /** Ends the exec: closing its hijacked connection makes Docker kill the process. */
  close(): void;
}

export interface ShellCallbacks {
  onOutput(text: string): void;
  /** Once, when the shell's connection ends (its exit code when Docker still knows it). */
  onExit(code: number | null): void;
}

/**
 * An interactive shell in a running container: `docker exec` with a TTY, its stdin and output on
 * one hijacked Docker API connection (an SSH channel of the server's one connection). Output is
 * decoded as UTF-8 across chunk boundaries, so a character split between two reads stays whole.
 */
export async function openContainerShell(
  docker: Dockerode,
  containerId: string,
  size: TerminalSize,
  callbacks: ShellCallbacks,
): Promise<ContainerShell> {
  const container = docker.getContainer(containerId);
  const marker = randomBytes(12).toString('hex');
  const exec = await container.exec({
    Cmd: ['/bin/sh', '-c', PICK_SHELL],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    Env: ['TERM=xterm-256color', `MIST_SHELL=${marker}`],
  });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  const decoder = new StringDecoder('utf8');
  let ended = false;
  const finish = () => {
    if (ended) return;
    ended = true;
    const rest = decoder.end();
    if (rest) callbacks.onOutput(rest);
    exec.inspect().then(
      (info) => callbacks.onExit(info.Running ? null : (info.ExitCode ?? null)),
      () => callbacks.onExit(null),
    );
  };
  stream.on('data', (chunk: Buffer) => {
    const text = decoder.write(chunk);
    if (text) callbacks.onOutput(text);
  });
  stream.on('end', finish);
  stream.on('close', finish);
  stream.on('error', finish);

  const shell: ContainerShell = {
    write(data) {
      if (!ended) stream.write(Buffer.from(data, 'utf8'));
    },
    async resize({ cols, rows }) {
      if (!ended) await exec.resize({ h: rows, w: cols });
    },
    pause: () => stream.pause(),
    resume: () => stream.resume(),
    close() {
      const wasOpen = !ended;
      stream.destroy();
      if (wasOpen) void hangUp(container, marker).catch(() => {}); // a container stopped meanwhile: nothing to end
    },
  };
  // Docker API 1.41 has no console size at start: set it at once, before the prompt is drawn.
  await shell.resize(size).catch(() => {});
  return shell;
}

async function hangUp(container: Dockerode.Container, marker: string): Promise<void> {
  const exec = await container.exec({ Cmd: ['/bin/sh', '-c', HANG_UP, 'sh', marker] });
  await exec.start({ Detach: true });
}
