import type { AppDto } from '../../../shared/dto/app';
import type { DomainDto } from '../../../shared/dto/domain';
import { autoDomain, normalizeDomain } from '../../../shared/domain-rules';
import { MistError } from '../../../shared/errors';
import type { AuditRecordInput } from '../audit/audit-log';
import type { DomainsRepo } from '../store/domains-repo';
import type { ServersRepo } from '../store/servers-repo';

export interface DomainServiceDeps {
  domains: DomainsRepo;
  servers: ServersRepo;
  apps: { get(appId: string): AppDto; record(appId: string): AppDto & { projectName: string } };
  audit: { record(entry: AuditRecordInput): void };
}

/** The domains of web apps: add, remove, list, and the automatic one from the server's wildcard. */
export class DomainService {
  constructor(private readonly deps: DomainServiceDeps) {}

  list(appId: string): DomainDto[] {
    this.deps.apps.get(appId);
    return this.deps.domains.listForApp(appId);
  }

  /** Host names (punycode) Traefik routes to the app. */
  hosts(appId: string): string[] {
    return this.deps.domains.listForApp(appId).map((d) => d.host);
  }

  add(appId: string, input: string): DomainDto[] {
    const app = this.webApp(appId);
    const check = normalizeDomain(input);
    if (!check.ok) throw new MistError('invalid-input', `Invalid domain: ${check.problem}.`);
    const taken = this.deps.domains.findByHost(check.ascii);
    if (taken) {
      const owner = taken.appId === appId ? 'this app' : `the app ${this.describe(taken.appId)}`;
      throw new MistError('conflict', `${check.unicode} is already a domain of ${owner}.`);
    }
    this.deps.domains.insert({ appId, host: check.ascii, displayHost: check.unicode, auto: false });
    this.audit(app, 'domain.add', `Added domain ${check.unicode}`, { host: check.ascii });
    return this.list(appId);
  }

  remove(appId: string, input: string): DomainDto[] {
    const app = this.deps.apps.get(appId);
    const check = normalizeDomain(input);
    const host = check.ok ? check.ascii : input.trim().toLowerCase();
    if (!this.deps.domains.remove(appId, host)) {
      throw new MistError('not-found', `${input.trim()} is not a domain of ${app.name}.`);
    }
    this.audit(app, 'domain.remove', `Removed domain ${input.trim()}`, { host });
    return this.list(appId);
  }

  /**
   * On a server with a wildcard domain, a new web app gets `{project}-{app}.{wildcard}`, and so does
   * a compose app when it first makes a service public with no domain of its own yet. Does nothing
   * for other apps, without a wildcard, or when that host is taken.
   */
  assignAutoDomain(appId: string): DomainDto | null {
    const app = this.deps.apps.record(appId);
    const wildcard = this.deps.servers.findById(app.serverId)?.wildcardDomain;
    const isPublic = app.type === 'web' || (app.type === 'compose' && Boolean(app.compose?.publicService));
    if (!isPublic || !wildcard || this.hosts(appId).length > 0) return null;
    const check = normalizeDomain(autoDomain(app.projectName, app.name, wildcard));
    if (!check.ok || this.deps.domains.findByHost(check.ascii)) return null;
    this.deps.domains.insert({ appId, host: check.ascii, displayHost: check.unicode, auto: true });
    this.audit(app, 'domain.auto', `Assigned the automatic domain ${check.ascii}`, { host: check.ascii });
    return this.deps.domains.findByHost(check.ascii);
  }

  private webApp(appId: string): AppDto {
    const app = this.deps.apps.get(appId);
    // compose apps route their domains to the one service they make public
    if (app.type !== 'web' && app.type !== 'compose')
      throw new MistError(
        'invalid-input',
        `${app.name} is a ${app.type} app: only web and compose apps have public domains.`,
      );
    return app;
  }

  private describe(appId: string): string {
    try {
      const app = this.deps.apps.record(appId);
      return `${app.projectName}/${app.name}`;
    } catch {
      return appId;
    }
  }

  private audit(app: AppDto, action: string, summary: string, after: unknown): void {
    this.deps.audit.record({ action, targetType: 'app', targetId: app.id, appId: app.id, summary, after });
  }
}
