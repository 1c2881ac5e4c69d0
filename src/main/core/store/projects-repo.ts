import type { ProjectDto } from '../../../shared/dto/app';
import type { Database } from './database';

interface ProjectRow {
  id: string;
  server_id: string;
  name: string;
  created_at: string;
  updated_at: string;
  app_count: number;
}

export interface NewProject {
  id: string;
  name: string;
  serverId: string;
}

const SELECT = `SELECT p.*, (SELECT count(*) FROM apps a WHERE a.project_id = p.id) AS app_count FROM projects p`;

function toDto(row: ProjectRow): ProjectDto {
  return {
    id: row.id,
    name: row.name,
    serverId: row.server_id,
    appCount: row.app_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The projects table, and nothing else (the app count is read from apps). */
export class ProjectsRepo {
  constructor(private readonly db: Database) {}

  list(): ProjectDto[] {
    const rows = this.db.prepare(`${SELECT} ORDER BY p.name`).all() as ProjectRow[];
    return rows.map(toDto);
  }

  findById(id: string): ProjectDto | null {
    const row = this.db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as ProjectRow | undefined;
    return row ? toDto(row) : null;
  }

  findByName(name: string): ProjectDto | null {
    const row = this.db.prepare(`${SELECT} WHERE p.name = ?`).get(name) as ProjectRow | undefined;
    return row ? toDto(row) : null;
  }

  /** Projects on one server (they block the server's removal). */
  listByServer(serverId: string): ProjectDto[] {
    const rows = this.db.prepare(`${SELECT} WHERE p.server_id = ? ORDER BY p.name`).all(serverId) as ProjectRow[];
    return rows.map(toDto);
  }

  insert(project: NewProject, now = new Date().toISOString()): ProjectDto {
    this.db
      .prepare(
        `INSERT INTO projects (id, server_id, name, created_at, updated_at) VALUES (@id, @serverId, @name, @now, @now)`,
      )
      .run({ ...project, now });
    return this.findById(project.id)!;
  }

  rename(id: string, name: string, now = new Date().toISOString()): ProjectDto {
    this.db.prepare('UPDATE projects SET name = ?, updated_at = ? WHERE id = ?').run(name, now, id);
    return this.findById(id)!;
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM projects WHERE id = ?').run(id);
  }
}
