import type Dockerode from 'dockerode';
import { MistError } from '../../../shared/errors';

/** Labels on a database app's data volume: which template wrote the data, and which app it was made for. */
export function volumeLabels(app: { id: string; projectId: string }, templateId: string): Record<string, string> {
  return {
    'mist.managed': 'true',
    'mist.volume': 'data',
    'mist.app': app.id,
    'mist.project': app.projectId,
    'mist.template': templateId,
  };
}

export interface KeptVolume {
  name: string;
  templateId: string;
  /** The app it was made for (now deleted, or still existing when `inUse`). */
  appId: string | null;
  createdAt: string | null;
}

/** Mist's data volumes on a server, optionally only one template's. */
export async function listDataVolumes(docker: Dockerode, templateId?: string): Promise<KeptVolume[]> {
  const filters = { label: ['mist.volume=data', ...(templateId ? [`mist.template=${templateId}`] : [])] };
  const { Volumes } = await docker.listVolumes({ filters });
  return (Volumes ?? []).map((volume) => ({
    name: volume.Name,
    templateId: volume.Labels?.['mist.template'] ?? '',
    appId: volume.Labels?.['mist.app'] ?? null,
    createdAt: (volume as { CreatedAt?: string }).CreatedAt ?? null,
  }));
}

/** Creates the volume when missing (Docker returns the existing one unchanged), so a deploy never runs without it. */
export async function ensureVolume(docker: Dockerode, name: string, labels: Record<string, string>): Promise<boolean> {
  try {
    await docker.getVolume(name).inspect();
    return false;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
  await docker.createVolume({ Name: name, Labels: labels });
  return true;
}

/**
 * A kept volume may be re-attached only to a database app of the template that wrote it (PostgreSQL
 * files mean nothing to MySQL) and only when no other app uses it.
 */
export async function assertAttachable(
  docker: Dockerode,
  name: string,
  templateId: string,
  usedBy: string | null,
): Promise<void> {
  if (usedBy) throw new MistError('conflict', `The volume ${name} is the data of the database app ${usedBy}.`);
  let labels: Record<string, string> | undefined;
  try {
    labels = (await docker.getVolume(name).inspect()).Labels ?? undefined;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) {
      throw new MistError('not-found', `There is no volume named ${name} on the server.`, { field: 'attachVolume' });
    }
    throw error;
  }
  const wrote = labels?.['mist.template'];
  if (wrote !== templateId) {
    throw new MistError(
      'invalid-input',
      wrote
        ? `The volume ${name} holds ${wrote} data; a ${templateId} database cannot use it.`
        : `The volume ${name} was not made by Mist Desktop for a database app; only kept data volumes can be re-attached.`,
      { field: 'attachVolume' },
    );
  }
}

/** Removes the volume; already gone is fine. */
export async function removeVolume(docker: Dockerode, name: string): Promise<void> {
  await docker
    .getVolume(name)
    .remove()
    .catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404) throw error;
    });
}
