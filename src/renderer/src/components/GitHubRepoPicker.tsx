import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { GitHubRepositoryDto } from '../../../shared/dto/github';
import { filterRepositories } from '../../../shared/github-rules';
import { useGitHubBranches, useGitHubRepos, useGitHubUsable } from '../hooks/useGitHub';
import { branchesDefaultFirst, pickedRepository } from '../lib/github-picker';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';
import { TextField } from './TextField';

type Picked = { gitUrl: string; branch: string };

/** "Choose from GitHub": shown only while a GitHub account is connected; fills repository and branch. */
export function GitHubPickButton({ onPick }: { onPick: (picked: Picked) => void }) {
  const usable = useGitHubUsable();
  const [open, setOpen] = useState(false);
  if (!usable) return null;
  return (
    <>
      <div className="github-pick">
        <button type="button" className="small" onClick={() => setOpen(true)}>
          Choose from GitHub
        </button>
      </div>
      {/* in <body>, not inside the app's form: Enter in the search box must not submit that form */}
      {open &&
        createPortal(
          <GitHubRepoPicker
            onClose={() => setOpen(false)}
            onPick={(picked) => {
              setOpen(false);
              onPick(picked);
            }}
          />,
          document.body,
        )}
    </>
  );
}

/** A searchable list of the account's repositories, then the chosen one's branches. */
export function GitHubRepoPicker({ onClose, onPick }: { onClose: () => void; onPick: (picked: Picked) => void }) {
  const [search, setSearch] = useState('');
  const [repo, setRepo] = useState<GitHubRepositoryDto | null>(null);
  const repos = useGitHubRepos(true);
  const branches = useGitHubBranches(repo);
  const shown = filterRepositories(repos.data ?? [], search);

  return (
    <Dialog title={repo ? `Branch of ${repo.fullName}` : 'Choose a GitHub repository'} onClose={onClose}>
      {repo === null ? (
        <>
          <TextField
            label="Search repositories"
            type="search"
            value={search}
            onChange={setSearch}
            autoComplete="off"
            spellCheck={false}
            autoFocus
          />
          {repos.isPending && <p className="muted">Loading repositories from GitHub…</p>}
          <ErrorNotice error={repos.error} />
          {repos.data && shown.length === 0 && <p className="muted">No repository matches.</p>}
          {shown.length > 0 && (
            <ul className="picker-list" aria-label="GitHub repositories">
              {shown.slice(0, 200).map((r) => (
                <li key={r.fullName}>
                  <button type="button" className="link-button" onClick={() => setRepo(r)}>
                    <span className="picker-name">{r.fullName}</span>{' '}
                    {r.private && <span className="badge">private</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {shown.length > 200 && <p className="muted">Showing 200 of {shown.length}: search to narrow.</p>}
        </>
      ) : (
        <>
          {branches.isPending && <p className="muted">Loading branches…</p>}
          <ErrorNotice error={branches.error} />
          {branches.data?.length === 0 && <p className="muted">This repository has no branches yet.</p>}
          {branches.data && branches.data.length > 0 && (
            <ul className="picker-list" aria-label="Branches">
              {branchesDefaultFirst(branches.data, repo.defaultBranch).map((b) => (
                <li key={b.name}>
                  <button type="button" className="link-button" onClick={() => onPick(pickedRepository(repo, b.name))}>
                    <span className="picker-name">{b.name}</span>{' '}
                    {b.name === repo.defaultBranch && <span className="badge">default</span>}
                    <code className="muted"> {b.sha.slice(0, 7)}</code>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <div className="actions">
        {repo !== null && (
          <button type="button" onClick={() => setRepo(null)}>
            Back to repositories
          </button>
        )}
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
