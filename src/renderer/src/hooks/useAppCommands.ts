import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { AppDto } from '../../../shared/dto/app';
import { previousDeployment } from '../../../shared/rollback';
import { api, queryKeys } from '../api';
import { domainUrl, isDeployable, type PaletteActionKind } from '../lib/palette-items';
import { appRoute } from '../lib/route';
import { useRecordAppStatus } from './useAppStatuses';
import { showStartedDeployment } from './useDeployments';
import { navigate } from './useHashRoute';

/** What the last keyboard command said: shown in a live region until the next one. */
export interface CommandNotice {
  text: string;
  tone: 'info' | 'ok' | 'error';
}

/**
 * Runs an action on an app from the palette or a single-key shortcut: deploy or roll back (then
 * the live deployment view), restart and stop (`apps.control`), and the ones that only navigate.
 */
export function useAppCommands(): {
  run: (app: AppDto, kind: PaletteActionKind, host?: string) => void;
  notice: CommandNotice | null;
  setNotice: (notice: CommandNotice | null) => void;
} {
  const queryClient = useQueryClient();
  const record = useRecordAppStatus();
  const [notice, setNotice] = useState<CommandNotice | null>(null);

  const run = useCallback(
    (app: AppDto, kind: PaletteActionKind, host?: string) => {
      const fail = (error: unknown) =>
        setNotice({ text: `${app.name}: ${error instanceof Error ? error.message : String(error)}`, tone: 'error' });
      switch (kind) {
        case 'open':
          return navigate(appRoute(app.id));
        case 'logs':
        case 'shell':
          return navigate(appRoute(app.id, kind));
        case 'settings':
          return navigate(appRoute(app.id, 'general'));
        case 'server':
          return navigate({ page: 'server', serverId: app.serverId });
        case 'open-domain':
          if (host) window.open(domainUrl(host), '_blank', 'noopener,noreferrer');
          return;
        case 'deploy':
          if (!isDeployable(app)) {
            setNotice({ text: `${app.name} has no git repository yet (Git tab).`, tone: 'error' });
            return;
          }
          setNotice({ text: `Starting a deploy of ${app.name}…`, tone: 'info' });
          api.call('deploy.start', { appId: app.id }).then((deployment) => {
            void showStartedDeployment(queryClient, deployment);
            setNotice({ text: `Deployment #${deployment.number} of ${app.name} started.`, tone: 'ok' });
          }, fail);
          return;
        case 'rollback':
          setNotice({ text: `Looking for the deployment of ${app.name} to roll back to…`, tone: 'info' });
          api
            .call('deployments.list', { appId: app.id })
            .then((history) => {
              const target = previousDeployment(app.type, history);
              if (!target) {
                setNotice({ text: `${app.name} has no earlier deployment to roll back to.`, tone: 'error' });
                return;
              }
              return api.call('deploy.rollback', { deploymentId: target.id }).then((deployment) => {
                void showStartedDeployment(queryClient, deployment);
                setNotice({
                  text: `Deployment #${deployment.number} of ${app.name} rolls back to #${target.number}.`,
                  tone: 'ok',
                });
              });
            })
            .catch(fail);
          return;
        case 'restart':
        case 'stop': {
          const verb = kind === 'restart' ? 'Restarting' : 'Stopping';
          setNotice({ text: `${verb} ${app.name}…`, tone: 'info' });
          api.call('apps.control', { appId: app.id, action: kind }).then((status) => {
            record(status);
            void queryClient.invalidateQueries({ queryKey: ['apps.status', app.id] });
            void queryClient.invalidateQueries({ queryKey: queryKeys.audit(app.id) });
            setNotice({ text: `${app.name} ${kind === 'restart' ? 'restarted' : 'stopped'}.`, tone: 'ok' });
          }, fail);
          return;
        }
      }
    },
    [queryClient, record],
  );

  return { run, notice, setNotice };
}
