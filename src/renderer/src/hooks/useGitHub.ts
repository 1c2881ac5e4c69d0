import { useQuery } from '@tanstack/react-query';
import { api, queryKeys } from '../api';

/** The connected GitHub account (`github.status`); GitHub is asked at most once per token by the core. */
export function useGitHubStatus() {
  return useQuery({ queryKey: queryKeys.githubStatus, queryFn: () => api.call('github.status', {}) });
}

/** Whether the picker can be offered: an account is connected and its token works. */
export function useGitHubUsable(): boolean {
  const status = useGitHubStatus();
  return Boolean(status.data?.connected && !status.data.problem);
}

/** Every repository of the account (searched in the renderer; the list is fetched once). */
export function useGitHubRepos(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.githubRepos,
    queryFn: () => api.call('github.repos', {}),
    enabled,
    staleTime: 60_000,
  });
}

export function useGitHubBranches(repo: { owner: string; name: string } | null) {
  return useQuery({
    queryKey: queryKeys.githubBranches(repo?.owner ?? '', repo?.name ?? ''),
    queryFn: () => api.call('github.branches', { owner: repo!.owner, repo: repo!.name }),
    enabled: repo !== null,
    staleTime: 60_000,
  });
}
