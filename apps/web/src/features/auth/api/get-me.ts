import type { MeResponse } from '@gatehouse/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiRequestError } from '../../../lib/api-client';
import { authKeys } from './auth-keys';

/** The signed-in admin, or null when there is no valid session. */
export async function getMe(): Promise<MeResponse | null> {
  try {
    return await api<MeResponse>('/api/auth/me');
  } catch (err) {
    if (err instanceof ApiRequestError && err.status === 401) return null;
    throw err;
  }
}

export const meQueryOptions = () => queryOptions({ queryKey: authKeys.me(), queryFn: getMe, staleTime: 60_000 });
export const useMe = () => useQuery(meQueryOptions());
