import { useQuery } from '@tanstack/react-query';
import { api, queryKeys } from '../api';

/** The database templates (built-in and custom) and any invalid template files. */
export function useTemplates() {
  return useQuery({ queryKey: queryKeys.templates, queryFn: () => api.call('templates.list', {}) });
}
