import { useState, type FormEvent } from 'react';
import type { AppDto } from '../../../shared/dto/app';
import { gitRefSchema } from '../../../shared/schemas/app';
import { useStartDeploy } from '../hooks/useDeployments';
import { ErrorNotice } from './ErrorNotice';
import { TextField } from './TextField';

/** Deploy a tag or an older commit instead of the branch head (a redeploy of a known-good version). */
export function DeployRefForm({ app }: { app: AppDto }) {
  const [open, setOpen] = useState(false);
  const [ref, setRef] = useState('');
  const [touched, setTouched] = useState(false);
  const deploy = useStartDeploy(app.id);
  const checked = gitRefSchema.safeParse(ref);
  const problem = checked.success ? undefined : (checked.error.issues[0]?.message ?? 'not a tag or commit');
  if (!app.gitUrl) return null;
  if (!open) {
    return (
      <button type="button" className="small" onClick={() => setOpen(true)}>
        Deploy a tag or commit…
      </button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (checked.success) deploy.mutate(checked.data);
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label="Deploy a tag or commit">
      <TextField
        label="Tag or commit"
        value={ref}
        onChange={setRef}
        onBlur={() => setTouched(true)}
        placeholder="v1.4.2 or 3f2a9c1"
        error={touched ? problem : undefined}
        hint="Instead of the head of the branch; the deployment records the commit it built."
        autoFocus
        spellCheck={false}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={deploy.isPending}>
          Deploy it
        </button>
        <button type="button" onClick={() => setOpen(false)} disabled={deploy.isPending}>
          Cancel
        </button>
      </div>
      <ErrorNotice error={deploy.error} />
    </form>
  );
}
