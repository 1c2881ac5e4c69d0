import { useQuery } from '@tanstack/react-query';
import type { AppDto, ProjectDto } from '../../../shared/dto/app';
import { api, queryKeys } from '../api';

export function useProjects() {
  return useQuery({ queryKey: queryKeys.projects, queryFn: () => api.call('projects.list', {}) });
}

export function useApps() {
  return useQuery({ queryKey: queryKeys.apps, queryFn: () => api.call('apps.list', {}) });
}

/** One project, read from the list (so renames and removals show everywhere at once). */
export function useProject(id: string): { project: ProjectDto | undefined; isPending: boolean; error: Error | null } {
  const { data, isPending, error } = useProjects();
  return { project: data?.find((project) => project.id === id), isPending, error };
}

/** One app, read from the list of all apps. */
export function useApp(id: string): { app: AppDto | undefined; isPending: boolean; error: Error | null } {
  const { data, isPending, error } = useApps();
  return { app: data?.find((app) => app.id === id), isPending, error };
}

/** Invalidate after anything that changes projects or apps (counts, names, redeploy-pending flags). */
export const projectAndAppKeys = [queryKeys.projects, queryKeys.apps] as const;
