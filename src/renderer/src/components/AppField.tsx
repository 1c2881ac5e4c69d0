import type { AppFormErrors, AppFormField, AppFormValues } from '../lib/app-form';
import { RESTART_POLICIES } from '../lib/app-form';
import { publishPortWarning } from '../../../shared/publish-warning';
import { CheckboxField } from './CheckboxField';
import { SelectField } from './SelectField';
import { TextField } from './TextField';

interface AppFieldProps {
  field: Exclude<AppFormField, 'type' | 'template'>;
  values: AppFormValues;
  /** The versions the app's template offers (for `version`). */
  versions?: readonly string[];
  /** The database port (for the publish warning). */
  databasePort?: number;
  errors: AppFormErrors;
  onChange: (patch: Partial<AppFormValues>) => void;
  onBlur: (field: AppFormField) => void;
}

/** One app setting as a labelled input; the create-app dialog and the settings tabs share these. */
export function AppField({ field, values, errors, onChange, onBlur, versions, databasePort }: AppFieldProps) {
  const common = {
    error: errors[field],
    onBlur: () => onBlur(field),
    autoComplete: 'off',
    spellCheck: false,
  };
  switch (field) {
    case 'name':
      return (
        <TextField
          label="Name"
          value={values.name}
          onChange={(name) => onChange({ name })}
          hint="Lowercase letters, digits and hyphens; unique in the project."
          required
          {...common}
        />
      );
    case 'description':
      return (
        <TextField
          label="Description"
          value={values.description}
          onChange={(description) => onChange({ description })}
          {...common}
          spellCheck
        />
      );
    case 'port':
      return (
        <TextField
          label="Port"
          type="number"
          min={1}
          max={65535}
          className="input-port"
          value={values.port}
          onChange={(port) => onChange({ port })}
          hint="Where it listens."
          required
          {...common}
        />
      );
    case 'gitUrl':
      return (
        <TextField
          label="Git repository"
          value={values.gitUrl}
          onChange={(gitUrl) => onChange({ gitUrl })}
          placeholder="https://github.com/owner/repo.git"
          hint={
            errors.gitUrl
              ? undefined
              : 'An https, ssh (git@host:owner/repo.git) or git:// URL, a path on the server, or owner/repo for GitHub.'
          }
          {...common}
        />
      );
    case 'branch':
      return <TextField label="Branch" value={values.branch} onChange={(branch) => onChange({ branch })} {...common} />;
    case 'dockerfilePath':
      return (
        <TextField
          label="Dockerfile path"
          value={values.dockerfilePath}
          onChange={(dockerfilePath) => onChange({ dockerfilePath })}
          hint="Relative to the root directory."
          {...common}
        />
      );
    case 'rootDir':
      return (
        <TextField
          label="Root directory"
          value={values.rootDir}
          onChange={(rootDir) => onChange({ rootDir })}
          hint="The build context, inside the repository."
          {...common}
        />
      );
    case 'cpuLimit':
      return (
        <TextField
          label="CPU limit"
          inputMode="decimal"
          value={values.cpuLimit}
          onChange={(cpuLimit) => onChange({ cpuLimit })}
          placeholder="No limit"
          hint="CPUs, from 0.1 up to the server's cores. Empty for no limit."
          {...common}
        />
      );
    case 'memoryMb':
      return (
        <TextField
          label="Memory limit (MB)"
          inputMode="numeric"
          value={values.memoryMb}
          onChange={(memoryMb) => onChange({ memoryMb })}
          placeholder="No limit"
          hint="Megabytes, at least 128. Empty for no limit."
          {...common}
        />
      );
    case 'logMaxSizeMb':
      return (
        <TextField
          label="Log file size (MB)"
          inputMode="numeric"
          value={values.logMaxSizeMb}
          onChange={(logMaxSizeMb) => onChange({ logMaxSizeMb })}
          hint="Docker starts a new log file at this size: 1 to 1024 MB."
          {...common}
        />
      );
    case 'logMaxFiles':
      return (
        <TextField
          label="Log files kept"
          inputMode="numeric"
          value={values.logMaxFiles}
          onChange={(logMaxFiles) => onChange({ logMaxFiles })}
          hint={
            values.type === 'compose'
              ? '1 to 20; the older ones are compressed. For each service whose compose file sets no logging.'
              : '1 to 20; the older ones are compressed. What Docker keeps on the server, and what Logs can show.'
          }
          {...common}
        />
      );
    case 'healthCheckPath':
      return (
        <TextField
          label="Health check path"
          value={values.healthCheckPath}
          onChange={(healthCheckPath) => onChange({ healthCheckPath })}
          placeholder="Off, such as /health"
          hint="A deploy's new container must answer GET on this path with 2xx or 3xx before it replaces the running one. Empty: it must only stay up."
          {...common}
        />
      );
    case 'healthCheckTimeoutS':
      return (
        <TextField
          label="Health check time (s)"
          inputMode="numeric"
          value={values.healthCheckTimeoutS}
          onChange={(healthCheckTimeoutS) => onChange({ healthCheckTimeoutS })}
          hint="How long the new container has to pass: 5 to 600 seconds."
          {...common}
        />
      );
    case 'composeFile':
      return (
        <TextField
          label="Compose file"
          value={values.composeFile}
          onChange={(composeFile) => onChange({ composeFile })}
          hint="Relative to the root directory, e.g. docker-compose.yml."
          {...common}
        />
      );
    case 'version':
      return (
        <SelectField
          label="Version"
          value={values.version}
          options={(versions ?? [values.version]).map((tag) => ({ value: tag, label: tag }))}
          onChange={(version) => onChange({ version })}
          hint="The image tag. A running database can change within its major version only."
          error={errors.version}
          onBlur={() => onBlur('version')}
        />
      );
    case 'publishPort':
      return (
        <>
          <CheckboxField
            label="Publish the database port on the server"
            checked={values.publishPort}
            onChange={(publishPort) => onChange({ publishPort })}
            hint="Off: only apps on this server reach it, at its internal address."
          />
          {values.publishPort && (
            <p className="notice notice-warn" role="alert" data-testid="publish-warning">
              {publishPortWarning(databasePort ?? 0)}
            </p>
          )}
        </>
      );
    case 'autoDeploy':
      return (
        <CheckboxField
          label="Deploy new commits automatically"
          checked={values.autoDeploy}
          onChange={(autoDeploy) => onChange({ autoDeploy })}
          hint="Mist Desktop checks the branch while it runs and deploys the newest commit (no webhook needed)."
        />
      );
    case 'watchIntervalS':
      return (
        <TextField
          label="Check every (seconds)"
          inputMode="numeric"
          className="input-port"
          value={values.watchIntervalS}
          onChange={(watchIntervalS) => onChange({ watchIntervalS })}
          hint="At least 15 seconds; 60 by default."
          {...common}
        />
      );
    case 'restartPolicy':
      return (
        <SelectField
          label="Restart policy"
          value={values.restartPolicy}
          options={RESTART_POLICIES}
          onChange={(restartPolicy) => onChange({ restartPolicy })}
          error={errors.restartPolicy}
          onBlur={() => onBlur('restartPolicy')}
        />
      );
  }
}
