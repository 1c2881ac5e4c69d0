import type { AppDto } from '../../../shared/dto/app';
import type { PrepareServerResultDto } from '../../../shared/dto/domain';
import { MistError } from '../../../shared/errors';
import { domainHandlers, type DomainHandlers } from '../api/handlers/domain-handlers';
import type { AuditRecordInput } from '../audit/audit-log';
import type { AppRuntime } from '../deploy/app-runtime';
import type { DeployService } from '../deploy/deploy-service';
import { openTcpChannel } from '../ssh/channels';
import type { ConnectionPool } from '../ssh/connection-pool';
import type { Database } from '../store/database';
import { DomainsRepo } from '../store/domains-repo';
import type { ServersRepo } from '../store/servers-repo';
import { openDashboardForward } from '../traefik/dashboard-forward';
import { prepareServer } from '../traefik/prepare-server';
import { checkCertificate } from './cert-check';
import { checkDns, publicAddressOf, serverAddresses, systemResolver } from './dns-check';
import { DomainService } from './domain-service';

export interface DomainModuleDeps {
  db: Database;
  servers: ServersRepo;
  pool: ConnectionPool;
  apps: { get(appId: string): AppDto; record(appId: string): AppDto & { projectName: string } };
  deploys: DeployService;
  runtime: AppRuntime;
  audit: { record(entry: AuditRecordInput): void };
  /** The Traefik image Prepare server runs (default: the pinned v3 image). */
  traefikImage?: string;
}

/** Domains, their DNS and certificate checks, and Prepare server, wired over the core's parts. */
export interface DomainModule {
  domains: DomainService;
  handlers: DomainHandlers;
  /** After a deploy: the certificate each domain presents, as lines for the deploy log. */
  reportCertificates(app: AppDto, log: (line: string) => void): Promise<void>;
}

/** A certificate check right after a deploy must not hold the deploy up for long. */
const AFTER_DEPLOY_CERT_TIMEOUT_MS = 5_000;

export function createDomainModule(deps: DomainModuleDeps): DomainModule {
  const domains = new DomainService({
    domains: new DomainsRepo(deps.db),
    servers: deps.servers,
    apps: deps.apps,
    audit: deps.audit,
  });
  const server = (id: string) => {
    const record = deps.servers.findById(id);
    if (!record) throw new MistError('not-found', `No server with id ${id}.`);
    return record;
  };

  const handlers = domainHandlers({
    domains,
    deploys: deps.deploys,
    runtime: deps.runtime,
    async prepareServer(input): Promise<PrepareServerResultDto> {
      const record = server(input.id);
      const email = input.email ?? record.acmeEmail;
      if (!email)
        throw new MistError('invalid-input', `Prepare server needs the email Let's Encrypt should know you by.`);
      const result = await prepareServer(deps.pool.docker(record.id), deps.pool.connection(record.id), {
        serverName: record.name,
        acmeEmail: email,
        ...(deps.traefikImage ? { image: deps.traefikImage } : {}),
      });
      deps.servers.setTraefikSettings(record.id, {
        acmeEmail: email,
        ...(input.wildcardDomain !== undefined ? { wildcardDomain: input.wildcardDomain } : {}),
      });
      deps.audit.record({
        action: 'server.prepare',
        targetType: 'server',
        targetId: record.id,
        appId: null,
        summary: `Prepared ${record.name}: network ${result.network}, Traefik ${result.traefik} (${result.image})`,
        after: { email, wildcardDomain: input.wildcardDomain ?? record.wildcardDomain },
      });
      return { ...result, serverId: record.id };
    },
    async openDashboard(serverId) {
      const forward = await openDashboardForward(deps.pool, server(serverId).id);
      return { url: forward.url };
    },
    async checkDns(appId) {
      const app = deps.apps.get(appId);
      const resolver = systemResolver();
      const expected = await serverAddresses(publicAddressOf(server(app.serverId)), resolver);
      return checkDns(domains.hosts(appId), expected, resolver);
    },
    checkCertificates: (appId) => certificatesOf(deps.apps.get(appId)),
  });

  // TLS with SNI to the server's port 443, through the SSH connection
  function certificatesOf(app: AppDto, timeoutMs?: number) {
    const conn = deps.pool.connection(app.serverId);
    return Promise.all(
      domains
        .hosts(app.id)
        .map((host) =>
          checkCertificate(host, () => openTcpChannel(conn, '127.0.0.1', 443), timeoutMs ? { timeoutMs } : {}),
        ),
    );
  }

  async function reportCertificates(app: AppDto, log: (line: string) => void): Promise<void> {
    // the apps whose domains Traefik serves: web apps, and compose apps through their public service
    const served = app.type === 'web' || (app.type === 'compose' && Boolean(app.compose?.publicService));
    if (!served || domains.hosts(app.id).length === 0) return;
    for (const cert of await certificatesOf(app, AFTER_DEPLOY_CERT_TIMEOUT_MS)) {
      log(
        `Certificate for ${cert.host}: ${cert.status === 'ok' ? '' : `${cert.status.toUpperCase()} — `}${cert.message}`,
      );
    }
  }

  return { domains, handlers, reportCertificates };
}
