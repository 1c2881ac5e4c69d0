/** What the database app page shows: where its apps reach it, and its connection strings. */
export interface ConnectionInfoDto {
  appId: string;
  /** Other apps on the server connect here: `app-{id}`. */
  host: string;
  port: number;
  /** The host port when the database port is published on the server, else null. */
  publishedPort: number | null;
  /** Whether the secrets in `strings` are shown (on demand) or masked. */
  revealed: boolean;
  strings: Array<{ label: string; value: string }>;
}

/** A database data volume on a server (kept volumes can be re-attached to a new app of the same template). */
export interface DataVolumeDto {
  name: string;
  templateId: string;
  /** The app it was made for (it may have been deleted since). */
  appId: string | null;
  /** `project/app` of the app that uses it now, or null when it is free to re-attach. */
  inUseBy: string | null;
  createdAt: string | null;
}
