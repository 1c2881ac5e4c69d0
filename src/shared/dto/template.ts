/** Database templates (built-in and custom) as the UI and the CLI see them. */

export type SecretAlphabet = 'alnum' | 'hex';

/** A placeholder filled once at creation with a strong random value (kept in the keychain). */
export interface TemplateSecret {
  /** The placeholder's name: `password` fills `{{password}}`. */
  name: string;
  length: number;
  alphabet: SecretAlphabet;
}

/** The data volume's container path for a range of major versions (both bounds inclusive). */
export interface TemplateDataPath {
  fromMajor?: number;
  toMajor?: number;
  path: string;
}

export interface TemplateConnectionString {
  label: string;
  /** e.g. `postgresql://{{user}}:{{password}}@{{host}}:{{port}}/{{database}}`. */
  pattern: string;
}

/** One template file, as validated by `templateFileSchema`. */
export interface TemplateDefinition {
  id: string;
  name: string;
  description: string;
  /** Image repository without a tag, e.g. `postgres` or `minio/minio`. */
  image: string;
  defaultTag: string;
  tags: string[];
  /** The port the database listens on inside the container. */
  port: number;
  recommended: { cpu: number; memoryMb: number };
  /** Non-secret placeholder defaults, e.g. `{ user: 'postgres', database: 'app' }`. */
  variables: Record<string, string>;
  /** Default environment; values may hold `{{placeholders}}` (variables or secrets). */
  env: Record<string, string>;
  secrets: TemplateSecret[];
  /** First matching rule wins; every listed tag must match one. */
  dataPaths: TemplateDataPath[];
  /** Arguments after the image (the container's CMD), placeholders allowed. */
  command?: string[];
  /** Run inside the container; exit 0 means healthy. Placeholders allowed. */
  healthCommand: string[];
  /** Patterns may also use `{{host}}` and `{{port}}`. */
  connectionStrings: TemplateConnectionString[];
}

export type TemplateSource = 'builtin' | 'custom';

export interface TemplateDto extends TemplateDefinition {
  source: TemplateSource;
  /** The file it was read from. */
  file: string;
  /** Set on a custom template that replaces the built-in template with the same id. */
  overrides?: string;
}

export interface InvalidTemplateFileDto {
  file: string;
  /** Readable errors, each `path: message` (e.g. `tags: must include the default tag "19"`). */
  errors: string[];
}

export interface TemplateCatalogDto {
  templates: TemplateDto[];
  invalid: InvalidTemplateFileDto[];
  /** Things the user should know that are not errors, e.g. a custom template overriding a built-in one. */
  notes: string[];
}
