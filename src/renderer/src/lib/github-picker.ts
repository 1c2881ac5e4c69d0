import type { GitHubBranchDto, GitHubRepositoryDto } from '../../../shared/dto/github';

/**
 * The repository picker as plain data (unit-tested in renderer-github-picker.test.ts): what
 * choosing a repository and a branch fills into the app's form.
 */

/** The default branch first, then the rest in GitHub's order. */
export function branchesDefaultFirst(branches: readonly GitHubBranchDto[], defaultBranch: string): GitHubBranchDto[] {
  const first = branches.filter((branch) => branch.name === defaultBranch);
  return [...first, ...branches.filter((branch) => branch.name !== defaultBranch)];
}

/**
 * The app's repository and branch for a choice: the https clone URL, which the connected account's
 * token can clone when the repository is private.
 */
export function pickedRepository(
  repo: Pick<GitHubRepositoryDto, 'cloneUrl'>,
  branch: string,
): { gitUrl: string; branch: string } {
  return { gitUrl: repo.cloneUrl, branch };
}
