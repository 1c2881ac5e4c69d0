import { EventEmitter } from 'node:events';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { SettingsDto } from '../../../shared/dto/settings';
import { MistError } from '../../../shared/errors';
import { settingsSchema, type updateSettingsInputSchema } from '../../../shared/schemas/settings';

export const SETTINGS_FILE = 'settings.json';

/**
 * The app's own settings in `settings.json` in the data directory. A missing, unreadable or partly
 * invalid file gives the defaults for what is wrong (never a crash at start-up); writes go through a
 * temporary file, so a crash mid-write leaves the old file. Emits `change` (SettingsDto) on update.
 */
export class SettingsStore extends EventEmitter {
  private current: SettingsDto;

  constructor(private readonly dataDir: string) {
    super();
    this.current = readSettings(dataDir);
  }

  get(): SettingsDto {
    return { ...this.current };
  }

  update(patch: z.output<typeof updateSettingsInputSchema>): SettingsDto {
    const next = settingsSchema.parse({ ...this.current, ...patch });
    try {
      mkdirSync(this.dataDir, { recursive: true });
      const path = join(this.dataDir, SETTINGS_FILE);
      writeFileSync(`${path}.tmp`, `${JSON.stringify(next, null, 2)}\n`);
      renameSync(`${path}.tmp`, path);
    } catch (error) {
      throw new MistError('internal', `Could not save the settings: ${(error as Error).message}`);
    }
    this.current = next;
    this.emit('change', this.get());
    return this.get();
  }
}

export function readSettings(dataDir: string): SettingsDto {
  let raw: unknown = {};
  try {
    raw = JSON.parse(readFileSync(join(dataDir, SETTINGS_FILE), 'utf8'));
  } catch {
    // first run, or a file that is not JSON: defaults
  }
  const parsed = settingsSchema.safeParse(raw && typeof raw === 'object' ? raw : {});
  return parsed.success ? parsed.data : settingsSchema.parse({});
}
