import type { ApiKeyListResponse } from '@gatehouse/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { apiKeyKeys } from './api-key-keys';

export const getApiKeys = () => api<ApiKeyListResponse>('/api/api-keys');

export const apiKeysQueryOptions = () => queryOptions({ queryKey: apiKeyKeys.list(), queryFn: getApiKeys });
export const useApiKeys = () => useQuery(apiKeysQueryOptions());
