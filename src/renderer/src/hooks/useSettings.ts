import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SettingsDto } from '../../../shared/dto/settings';
import { api } from '../api';

const SETTINGS_KEY = ['settings'] as const;

/** The app's own settings (settings.json in the data directory, read by the core). */
export function useSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api.call('settings.get', {}) });
}

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<SettingsDto>) => api.call('settings.update', patch),
    onSuccess: (settings) => queryClient.setQueryData(SETTINGS_KEY, settings),
  });
}
