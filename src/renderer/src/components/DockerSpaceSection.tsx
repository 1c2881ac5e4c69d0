import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ServerDto } from '../../../shared/dto/server';
import { reclaimedText } from '../../../shared/docker-space-text';
import { formatBytes } from '../../../shared/format-bytes';
import { api, queryKeys } from '../api';
import { CheckboxField } from './CheckboxField';
import { ErrorNotice } from './ErrorNotice';

/**
 * What Docker keeps on the server's disk, and a clean-up of what nothing needs: dangling images
 * (never a tagged one, so rollback keeps its images) and, when asked, the unused build cache.
 */
export function DockerSpaceSection({ server, connected }: { server: ServerDto; connected: boolean }) {
  const [buildCache, setBuildCache] = useState(false);
  const space = useQuery({
    queryKey: queryKeys.dockerSpace(server.id),
    queryFn: () => api.call('servers.dockerSpace', { id: server.id }),
    // measured on demand: `docker system df` sizes every container and volume, which takes a while on a big server
    enabled: false,
  });
  const reclaim = useMutation({
    mutationFn: (clearCache: boolean) =>
      api.call('servers.reclaimDockerSpace', { id: server.id, buildCache: clearCache }),
    onSuccess: () => void space.refetch(),
  });
  const figures = space.data;
  const nothingToFree =
    figures !== undefined && figures.danglingImages.count === 0 && !(buildCache && figures.buildCache.unusedBytes > 0);

  return (
    <section className="panel" aria-labelledby="docker-space-heading">
      <div className="panel-header">
        <h2 id="docker-space-heading">Docker disk space</h2>
        <button type="button" onClick={() => void space.refetch()} disabled={!connected || space.isFetching}>
          {space.isFetching ? 'Measuring…' : figures ? 'Measure again' : 'Measure'}
        </button>
      </div>
      {!figures && !space.isFetching && (
        <p className="muted">
          {connected
            ? `Measure what Docker keeps on ${server.name}: images, build cache, containers and volumes.`
            : `Connect to measure what Docker keeps on ${server.name}.`}
        </p>
      )}
      {space.error && <ErrorNotice error={space.error} />}
      {figures && (
        <>
          <dl className="facts" data-testid="docker-space">
            <dt>Images</dt>
            <dd>
              {figures.images.count} · {formatBytes(figures.images.bytes)}
            </dd>
            <dt>Dangling images</dt>
            <dd data-testid="dangling-images">
              {figures.danglingImages.count} · {formatBytes(figures.danglingImages.bytes)}
              <span className="muted"> (untagged, unused, over 10 minutes old)</span>
            </dd>
            <dt>Build cache</dt>
            <dd>
              {formatBytes(figures.buildCache.bytes)}
              <span className="muted"> ({formatBytes(figures.buildCache.unusedBytes)} unused)</span>
            </dd>
            <dt>Containers</dt>
            <dd>
              {figures.containers.count} ({figures.containers.running} running) ·{' '}
              {formatBytes(figures.containers.bytes)}
            </dd>
            <dt>Volumes</dt>
            <dd>
              {figures.volumes.count} · {formatBytes(figures.volumes.bytes)}
              <span className="muted"> (never cleaned up here: databases keep their data in them)</span>
            </dd>
          </dl>
          <CheckboxField
            label="Also clear the unused build cache"
            checked={buildCache}
            onChange={setBuildCache}
            hint="Frees more space, but the next build of each app starts without its cache and takes longer."
          />
          <ErrorNotice error={reclaim.error} />
          <div className="actions">
            <button
              type="button"
              onClick={() => reclaim.mutate(buildCache)}
              disabled={reclaim.isPending || nothingToFree}
              title={nothingToFree ? 'Nothing to remove' : undefined}
            >
              {reclaim.isPending ? 'Cleaning up…' : 'Clean up'}
            </button>
            {reclaim.isSuccess && (
              <span role="status" data-testid="docker-space-freed">
                Freed {formatBytes(reclaim.data.reclaimedBytes)}: {reclaimedText(reclaim.data, reclaim.variables)}.
              </span>
            )}
          </div>
        </>
      )}
    </section>
  );
}
