import type { DomainDto } from '../../../shared/dto/domain';
import type { Database } from './database';

interface DomainRow {
  app_id: string;
  host: string;
  display_host: string;
  auto: number;
  created_at: string;
}

function toDto(row: DomainRow): DomainDto {
  return {
    appId: row.app_id,
    host: row.host,
    displayHost: row.display_host,
    auto: row.auto === 1,
    createdAt: row.created_at,
  };
}

/** The domains table: host names routed to web apps (unique across every app). */
export class DomainsRepo {
  constructor(private readonly db: Database) {}

  listForApp(appId: string): DomainDto[] {
    const rows = this.db
      .prepare('SELECT * FROM domains WHERE app_id = ? ORDER BY auto DESC, host')
      .all(appId) as DomainRow[];
    return rows.map(toDto);
  }

  findByHost(host: string): DomainDto | null {
    const row = this.db.prepare('SELECT * FROM domains WHERE host = ?').get(host) as DomainRow | undefined;
    return row ? toDto(row) : null;
  }

  insert(domain: Omit<DomainDto, 'createdAt'>): void {
    this.db
      .prepare('INSERT INTO domains (app_id, host, display_host, auto, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(domain.appId, domain.host, domain.displayHost, domain.auto ? 1 : 0, new Date().toISOString());
  }

  remove(appId: string, host: string): boolean {
    return this.db.prepare('DELETE FROM domains WHERE app_id = ? AND host = ?').run(appId, host).changes > 0;
  }
}
