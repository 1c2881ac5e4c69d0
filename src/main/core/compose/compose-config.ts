import { load } from 'js-yaml';
import type { LogRetentionDto } from '../../../shared/dto/app';
import { containerLogConfig } from '../deploy/container-logging';

/** A service of a resolved compose file, and whether the file sets its `logging:`. */
export interface ResolvedService {
  name: string;
  ownLogging: boolean;
}

/**
 * The services of a resolved compose file (what `compose config` prints, with `extends` and
 * anchors already applied), sorted by name; null when the text is not a compose file with services.
 */
export function resolvedServices(resolved: string): ResolvedService[] | null {
  let parsed: unknown;
  try {
    parsed = load(resolved);
  } catch {
    return null;
  }
  const services = isRecord(parsed) ? parsed.services : undefined;
  if (!isRecord(services)) return null;
  return Object.entries(services)
    .map(([name, service]) => ({ name, ownLogging: isRecord(service) && service.logging !== undefined }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A compose service's `logging:` with the same driver and rotation as an image app's container. */
export function composeLogging(retention: LogRetentionDto): { driver: string; options: Record<string, string> } {
  const config = containerLogConfig(retention);
  return { driver: config.Type, options: { ...config.Config } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
