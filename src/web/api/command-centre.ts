import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CommandCentre, CommandCentreQuery } from '../../shared/api/command-centre.ts';
import { api, apiUrl, type QueryParams } from './http.ts';

export type { CommandCentre, MapPoint, TodayRow } from '../../shared/api/command-centre.ts';

export const commandCentreKeys = {
  all: ['command-centre'] as const,
  read: (query: CommandCentreQuery) => ['command-centre', query] as const,
};

/** Ruang Kendali in the caller's scope (types from the contract, src/shared/api/command-centre.ts); every minute. */
export function useCommandCentre(query: CommandCentreQuery) {
  return useQuery({
    queryKey: commandCentreKeys.read(query),
    queryFn: ({ signal }) => api.get<CommandCentre>('/command-centre', query as QueryParams, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** The per-OPD table as a file (plain link: the browser sends the session cookie). */
export const commandCentreExportUrl = (format: 'xlsx' | 'csv', query: CommandCentreQuery) =>
  apiUrl(`/command-centre/export.${format}`, query as QueryParams);

/** The monthly briefing for the leader (PDF). */
export const commandCentreBriefingUrl = (query: CommandCentreQuery) =>
  apiUrl('/command-centre/briefing.pdf', query as QueryParams);
