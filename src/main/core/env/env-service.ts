import type { EnvScope, EnvVarDto } from '../../../shared/dto/app';
import { parseDotenv } from '../../../shared/dotenv';
import { MistError } from '../../../shared/errors';
import { envKeySchema, envValueSchema, importEnvInputSchema, setEnvInputSchema } from '../../../shared/schemas/app';
import { validateInput } from '../apps/validate-input';
import type { AuditLog } from '../audit/audit-log';
import type { SecretStore } from '../secrets/secret-store';
import type { AppRecord, AppsRepo } from '../store/apps-repo';
import type { Database } from '../store/database';
import { toEnvVarDto, type EnvVarRecord, type EnvVarsRepo } from '../store/env-vars-repo';
import { applyKeychainChanges, type KeychainChange } from './keychain-changes';

export interface EnvServiceDeps {
  db: Database;
  apps: AppsRepo;
  envVars: EnvVarsRepo;
  secrets: SecretStore;
  audit: AuditLog;
}

export interface EnvVarInput {
  key: string;
  value: string;
  secret?: boolean;
  scope?: EnvScope;
}

export interface ResolvedEnvVar {
  key: string;
  value: string;
  secret: boolean;
}

/** The keychain account of a secret env value. */
export function envSecretRef(appId: string, key: string): string {
  return `app/${appId}/env/${key}`;
}

/** How an env var appears in the audit log: a secret (before or after the change) never shows its value. */
type AuditedVar = { key: string; secret: boolean; scope: EnvScope; value?: string };

function audited(key: string, state: { value: string | null; secret: boolean; scope: EnvScope }, hideValue: boolean) {
  const entry: AuditedVar = { key, secret: state.secret, scope: state.scope };
  if (!state.secret && !hideValue && state.value !== null) entry.value = state.value;
  return entry;
}

interface Planned {
  key: string;
  value: string;
  secret: boolean;
  scope: EnvScope;
  existing: EnvVarRecord | null;
}

/**
 * Environment variables of an app. A secret value lives only in the keychain (the row holds its
 * reference); every change bumps the app's config_version (a redeploy applies it) and is audited
 * without any secret value.
 */
export class EnvService {
  constructor(private readonly deps: EnvServiceDeps) {}

  /** Every variable; secret values are null (see `reveal`). */
  list(appId: string): EnvVarDto[] {
    this.app(appId);
    return this.deps.envVars.list(appId).map(toEnvVarDto);
  }

  /** Adds or changes variables (all or nothing); returns the app's variables afterwards. */
  async set(appId: string, vars: EnvVarInput[]): Promise<EnvVarDto[]> {
    const parsed = validateInput(setEnvInputSchema, { appId, vars });
    const seen = new Set<string>();
    for (const entry of parsed.vars) {
      if (seen.has(entry.key)) throw new MistError('invalid-input', `${entry.key} is given twice.`);
      seen.add(entry.key);
    }
    await this.apply(this.app(appId), parsed.vars, 'env.set');
    return this.list(appId);
  }

  /**
   * Bulk paste in .env form. Choice: the valid lines are imported and the bad ones are reported by
   * line number (the caller shows them; nothing is silently dropped). A key given twice keeps its
   * last value, as a shell sourcing the file would. `imported` counts the distinct variables now set
   * from the text.
   */
  async import(
    appId: string,
    dotenv: string,
    secret = false,
    scope: EnvScope = 'both',
  ): Promise<{ imported: number; errors: Array<{ line: number; message: string }> }> {
    const input = validateInput(importEnvInputSchema, { appId, dotenv, secret, scope });
    const app = this.app(appId);
    const { entries, errors } = parseDotenv(input.dotenv);
    const byKey = new Map<string, { key: string; value: string; secret: boolean; scope: EnvScope }>();
    for (const entry of entries) {
      const problem = envValueSchema.safeParse(entry.value);
      if (!problem.success) {
        errors.push({ line: lineOf(dotenv, entry.key), message: `${entry.key}: ${problem.error.issues[0]!.message}` });
        continue;
      }
      byKey.delete(entry.key); // keep the order of the last occurrence
      byKey.set(entry.key, { key: entry.key, value: entry.value, secret: input.secret, scope: input.scope });
    }
    errors.sort((a, b) => a.line - b.line);
    if (byKey.size > 0) await this.apply(app, [...byKey.values()], 'env.import');
    return { imported: byKey.size, errors };
  }

  async delete(appId: string, key: string): Promise<void> {
    const app = this.app(appId);
    const existing = this.existing(app, validateInput(envKeySchema, key));
    const undo = await applyKeychainChanges(
      this.deps.secrets,
      existing.secretRef === null ? [] : [{ ref: existing.secretRef, value: null }],
    );
    try {
      this.deps.db.transaction(() => {
        this.deps.envVars.remove(app.id, key);
        this.deps.apps.bumpConfigVersion(app.id);
        this.deps.audit.record({
          action: 'env.delete',
          targetType: 'app',
          targetId: app.id,
          appId: app.id,
          summary: `Deleted ${existing.secretRef === null ? '' : 'secret '}variable ${key} of ${path(app)}.`,
          before: audited(
            key,
            { value: existing.value, secret: existing.secretRef !== null, scope: existing.scope },
            false,
          ),
        });
      })();
    } catch (error) {
      await undo();
      throw error;
    }
  }

  /** The value of one variable: plain from SQLite, secret from the keychain (the reveal is audited). */
  async reveal(appId: string, key: string): Promise<string> {
    const app = this.app(appId);
    const existing = this.existing(app, validateInput(envKeySchema, key));
    if (existing.secretRef === null) return existing.value ?? '';
    const value = await this.secretValue(app, existing);
    this.deps.audit.record({
      action: 'env.reveal',
      targetType: 'app',
      targetId: app.id,
      appId: app.id,
      summary: `Revealed the secret variable ${key} of ${path(app)}.`,
    });
    return value;
  }

  /** For a deploy: the variables of one scope (`both` ones appear in both), secrets read from the keychain. */
  async resolved(appId: string, scope: 'build' | 'runtime'): Promise<ResolvedEnvVar[]> {
    const app = this.app(appId);
    const result: ResolvedEnvVar[] = [];
    for (const record of this.deps.envVars.list(app.id)) {
      if (record.scope !== 'both' && record.scope !== scope) continue;
      const secret = record.secretRef !== null;
      result.push({ key: record.key, value: secret ? await this.secretValue(app, record) : record.value!, secret });
    }
    return result;
  }

  /** Every non-empty secret value of the app, for redacting logs and error messages. */
  async secretValues(appId: string): Promise<string[]> {
    const app = this.app(appId);
    const values = new Set<string>();
    for (const record of this.deps.envVars.list(app.id)) {
      if (record.secretRef === null) continue;
      const value = await this.deps.secrets.get(record.secretRef);
      if (value) values.add(value);
    }
    return [...values];
  }

  /**
   * Writes the variables that actually change: first the keychain (a failure there changes nothing),
   * then the rows, the config_version bump and one audit entry in one transaction (if that fails,
   * the keychain changes are undone).
   */
  private async apply(
    app: AppRecord,
    vars: Array<{ key: string; value: string; secret: boolean; scope: EnvScope }>,
    action: 'env.set' | 'env.import',
  ): Promise<void> {
    const planned: Planned[] = [];
    for (const entry of vars) {
      const existing = this.deps.envVars.find(app.id, entry.key);
      if (existing && (await this.unchanged(existing, entry))) continue;
      planned.push({ ...entry, existing });
    }
    if (planned.length === 0) return;

    const changes: KeychainChange[] = [];
    for (const entry of planned) {
      const ref = envSecretRef(app.id, entry.key);
      if (entry.secret) changes.push({ ref, value: entry.value });
      const oldRef = entry.existing?.secretRef ?? null;
      if (oldRef !== null && (!entry.secret || oldRef !== ref)) changes.push({ ref: oldRef, value: null });
    }
    const undo = await applyKeychainChanges(this.deps.secrets, changes);
    try {
      this.deps.db.transaction(() => {
        for (const entry of planned) {
          this.deps.envVars.upsert(
            app.id,
            entry.secret
              ? { key: entry.key, scope: entry.scope, value: null, secretRef: envSecretRef(app.id, entry.key) }
              : { key: entry.key, scope: entry.scope, value: entry.value, secretRef: null },
          );
        }
        this.deps.apps.bumpConfigVersion(app.id);
        this.deps.audit.record(this.auditEntry(app, planned, action));
        // a value made secret must not survive as plain text in earlier audit entries
        for (const entry of planned) {
          if (entry.secret && entry.existing?.secretRef === null) this.deps.audit.forgetEnvValue(app.id, entry.key);
        }
      })();
    } catch (error) {
      await undo();
      throw error;
    }
  }

  private async unchanged(existing: EnvVarRecord, entry: { value: string; secret: boolean; scope: EnvScope }) {
    if (existing.scope !== entry.scope || (existing.secretRef !== null) !== entry.secret) return false;
    if (!entry.secret) return existing.value === entry.value;
    return (await this.deps.secrets.get(existing.secretRef!)) === entry.value;
  }

  private auditEntry(app: AppRecord, planned: Planned[], action: 'env.set' | 'env.import') {
    const names = planned.map((entry) => (entry.secret ? `${entry.key} (secret)` : entry.key)).join(', ');
    const before: AuditedVar[] = [];
    const after: AuditedVar[] = [];
    for (const entry of planned) {
      const wasSecret = entry.existing !== null && entry.existing.secretRef !== null;
      // a value that is secret on either side of the change is never written down
      const hide = wasSecret || entry.secret;
      if (entry.existing) {
        before.push(audited(entry.key, { ...entry.existing, secret: wasSecret }, hide));
      }
      after.push(audited(entry.key, entry, hide));
    }
    return {
      action,
      targetType: 'app' as const,
      targetId: app.id,
      appId: app.id,
      summary: `${action === 'env.import' ? 'Imported' : 'Set'} ${names} on ${path(app)}.`,
      before,
      after,
    };
  }

  private async secretValue(app: AppRecord, record: EnvVarRecord): Promise<string> {
    const value = await this.deps.secrets.get(record.secretRef!);
    if (value === null) {
      throw new MistError(
        'not-found',
        `The secret value of ${record.key} (${path(app)}) is missing from the keychain; set it again.`,
      );
    }
    return value;
  }

  private app(appId: string): AppRecord {
    const app = this.deps.apps.findById(appId);
    if (!app) throw new MistError('not-found', `No app with id ${appId}.`);
    return app;
  }

  private existing(app: AppRecord, key: string): EnvVarRecord {
    const existing = this.deps.envVars.find(app.id, key);
    if (!existing) throw new MistError('not-found', `${path(app)} has no variable ${key}.`);
    return existing;
  }
}

function path(app: AppRecord): string {
  return `${app.projectName}/${app.name}`;
}

/** The line where `key` is last assigned in .env text (for a value rejected after parsing). */
function lineOf(text: string, key: string): number {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const assignment = new RegExp(`^\\s*(?:export\\s+)?${key}\\s*=`);
  for (let index = lines.length - 1; index >= 0; index--) if (assignment.test(lines[index]!)) return index + 1;
  return 0;
}
