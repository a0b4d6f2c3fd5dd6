import type { MonitoringCategoryListResponse } from '@gatehouse/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { CATALOG_STALE_TIME, monitoringKeys } from './monitoring-keys';

export const getMonitoringCategories = () => api<MonitoringCategoryListResponse>('/api/monitoring-categories');

export const monitoringCategoriesQueryOptions = () =>
  queryOptions({ queryKey: monitoringKeys.categories(), queryFn: getMonitoringCategories, staleTime: CATALOG_STALE_TIME });
export const useMonitoringCategories = () => useQuery(monitoringCategoriesQueryOptions());
