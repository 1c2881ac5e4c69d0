import { githubCommitUrl } from '../../../shared/github-remote';
import { shortHash } from '../lib/time';

/** A commit's short hash, linked to the commit on GitHub when the app's remote is GitHub. */
export function CommitLink({ gitUrl, hash }: { gitUrl: string | null; hash: string | null }) {
  const url = gitUrl && hash ? githubCommitUrl(gitUrl, hash) : null;
  if (!url) return <code>{shortHash(hash)}</code>;
  return (
    <a
      href={url}
      target="_blank"
      rel="noreferrer noopener"
      title="Open the commit on GitHub"
      onClick={(e) => e.stopPropagation()}
    >
      <code>{shortHash(hash)}</code>
    </a>
  );
}
