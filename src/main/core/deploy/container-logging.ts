import type Dockerode from 'dockerode';
import type { LogRetentionDto } from '../../../shared/dto/app';

/**
 * How Docker keeps an app container's output. Its default (json-file, never rotated) lets a chatty
 * app fill the server's disk. The `local` driver rotates (at the app's log file size, keeping its
 * number of files, the older ones compressed; 50 MB × 5 unless set) and costs dockerd less to write
 * and read than json-file: in the log bench (1,000,000 lines, one file) 117,000–132,000 lines a
 * second reached the terminal against 75,000–118,000. `docker logs` and the Logs tab read it like
 * any other.
 *
 * Docker 20.10 sends a follower lines again after a rotation; LogCursor drops them
 * (rotation-repeats.ts), but dockerd still reads and sends them, so a rotation slows a flood. A
 * follower that is behind when the file rotates skips to the newest file (README, limits).
 */
export function containerLogConfig(retention: LogRetentionDto): NonNullable<Dockerode.HostConfig['LogConfig']> {
  return {
    Type: 'local',
    Config: { 'max-size': `${retention.maxSizeMb}m`, 'max-file': String(retention.maxFiles) },
  };
}
