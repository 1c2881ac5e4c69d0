import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { DeploymentDto, LogLineDto } from '../../../shared/dto/app';
import type { MistErrorShape } from '../../../shared/errors';
import { api, queryKeys } from '../api';
import { isFinished } from '../lib/deploy-stages';
import { mergeLogLines } from '../lib/log-lines';
import { appRoute } from '../lib/route';
import { navigate } from './useHashRoute';

const QUEUE_REFRESH_MS = 2_000;

/** An app's deployment history, newest first as the core returns it. */
export function useDeploymentList(appId: string, options: { refreshWhileQueued?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.deployments(appId),
    queryFn: () => api.call('deployments.list', { appId }),
    // A queued deployment names the one it waits for: keep that current until it starts.
    refetchInterval: options.refreshWhileQueued ? QUEUE_REFRESH_MS : false,
  });
}

/** What a finished deployment changes: the history, the app (active deployment, redeploy flag), its status. */
export async function afterDeployment(queryClient: QueryClient, appId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.deployments(appId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.apps }),
    queryClient.invalidateQueries({ queryKey: ['apps.status', appId] }),
    queryClient.invalidateQueries({ queryKey: queryKeys.audit(appId) }),
  ]);
}

/** A deployment just started (a deploy or a rollback): cached, its live view opened, the history refreshed. */
export async function showStartedDeployment(queryClient: QueryClient, deployment: DeploymentDto): Promise<void> {
  queryClient.setQueryData(queryKeys.deployment(deployment.id), deployment);
  navigate(appRoute(deployment.appId, 'deployments', deployment.id));
  await queryClient.invalidateQueries({ queryKey: queryKeys.deployments(deployment.appId) });
}

/** Starts a deploy and opens its live view. */
export function useStartDeploy(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    /** The branch head, or a tag or commit (`ref`). */
    mutationFn: (ref?: string) => api.call('deploy.start', { appId, ...(ref ? { ref } : {}) }),
    onSuccess: (deployment) => showStartedDeployment(queryClient, deployment),
  });
}

/** Runs an earlier deployment's image again (no build) and opens the new deployment's live view. */
export function useRollback(target: DeploymentDto) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.call('deploy.rollback', { deploymentId: target.id }),
    onSuccess: (deployment) => showStartedDeployment(queryClient, deployment),
  });
}

export function useCancelDeploy(deployment: DeploymentDto) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.call('deploy.cancel', { deploymentId: deployment.id }),
    onSuccess: async (cancelled) => {
      queryClient.setQueryData(queryKeys.deployment(cancelled.id), cancelled);
      await afterDeployment(queryClient, deployment.appId);
    },
  });
}

export interface LiveDeployment {
  deployment: DeploymentDto | undefined;
  /** The last status message the stream sent (e.g. why it is queued). */
  message: string | null;
  lines: readonly LogLineDto[];
  isPending: boolean;
  error: Error | null;
  /** The stream ended with an error before the deployment finished. */
  streamError: MistErrorShape | null;
}

/**
 * One deployment, live: its stages and status from `deployments.watch` status events, its build log
 * from `deployments.log` merged with the streamed lines (by sequence number, so replays and overlaps
 * do not duplicate). A finished deployment is read once and not watched.
 */
export function useLiveDeployment(deploymentId: string): LiveDeployment {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [streamError, setStreamError] = useState<MistErrorShape | null>(null);

  const deployment = useQuery({
    queryKey: queryKeys.deployment(deploymentId),
    queryFn: () => api.call('deployments.get', { deploymentId }),
  });
  const known = deployment.data;
  const watching = known !== undefined && !isFinished(known.status);
  const appId = known?.appId;

  // Subscribe before the log is read, so no line falls between the two.
  useEffect(() => {
    if (!watching || !appId) return;
    const logKey = queryKeys.deploymentLog(deploymentId);
    const unsubscribe = api.watch(
      'deployments.watch',
      { deploymentId },
      (events) => {
        const lines: LogLineDto[] = [];
        let finished = false;
        for (const event of events) {
          if (event.kind === 'log') {
            lines.push(event.line);
          } else {
            queryClient.setQueryData(queryKeys.deployment(deploymentId), event.deployment);
            setMessage(event.message);
            if (isFinished(event.deployment.status)) finished = true;
          }
        }
        if (lines.length > 0)
          queryClient.setQueryData<readonly LogLineDto[]>(logKey, (current) => mergeLogLines(current ?? [], lines));
        if (finished) {
          // The store has every line; read it again in case the last ones were still in flight.
          void queryClient.invalidateQueries({ queryKey: logKey });
          void afterDeployment(queryClient, appId);
        }
      },
      (error) => {
        if (error) setStreamError(error);
        else void afterDeployment(queryClient, appId);
      },
    );
    void queryClient.invalidateQueries({ queryKey: queryKeys.deployments(appId) });
    return unsubscribe;
  }, [watching, appId, deploymentId, queryClient]);

  const log = useQuery({
    queryKey: queryKeys.deploymentLog(deploymentId),
    queryFn: async (): Promise<readonly LogLineDto[]> => {
      const stored = await api.call('deployments.log', { deploymentId });
      // Lines the stream delivered while this was in flight are kept.
      const streamed = queryClient.getQueryData<readonly LogLineDto[]>(queryKeys.deploymentLog(deploymentId)) ?? [];
      return mergeLogLines(stored, streamed);
    },
    enabled: known !== undefined,
    staleTime: Infinity,
  });

  return {
    deployment: known,
    message,
    lines: log.data ?? [],
    isPending: deployment.isPending,
    error: deployment.error ?? log.error,
    streamError,
  };
}
