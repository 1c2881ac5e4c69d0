import type { AppStatusDto } from '../../../../shared/dto/app';
import type { CertStatusDto, DnsStatusDto, PrepareServerResultDto } from '../../../../shared/dto/domain';
import type { AppRuntime } from '../../deploy/app-runtime';
import type { DeployService } from '../../deploy/deploy-service';
import type { DomainService } from '../../domains/domain-service';
import type { ApiHandlers, HandlersFor } from '../api-handlers';

/** Domains of web apps, their DNS/certificate checks, and preparing a server for Traefik. */
export type DomainHandlers = HandlersFor<'domains.'> &
  Pick<ApiHandlers, 'servers.prepare' | 'servers.openTraefikDashboard'>;

export interface DomainHandlerDeps {
  domains: DomainService;
  deploys: DeployService;
  runtime: AppRuntime;
  prepareServer(input: { id: string; email?: string; wildcardDomain?: string | null }): Promise<PrepareServerResultDto>;
  openDashboard(serverId: string): Promise<{ url: string }>;
  checkDns(appId: string): Promise<DnsStatusDto[]>;
  checkCertificates(appId: string): Promise<CertStatusDto[]>;
}

export function domainHandlers(deps: DomainHandlerDeps): DomainHandlers {
  return {
    'domains.list': ({ appId }) => deps.domains.list(appId),
    'domains.add': ({ appId, host }) => deps.domains.add(appId, host),
    'domains.remove': ({ appId, host }) => deps.domains.remove(appId, host),
    'domains.apply': async ({ appId }): Promise<AppStatusDto> => {
      await deps.deploys.applyDomains(appId);
      return deps.runtime.status(appId);
    },
    'domains.checkDns': ({ appId }) => deps.checkDns(appId),
    'domains.checkCertificates': ({ appId }) => deps.checkCertificates(appId),
    'servers.prepare': (input) => deps.prepareServer(input),
    'servers.openTraefikDashboard': ({ id }) => deps.openDashboard(id),
  };
}
