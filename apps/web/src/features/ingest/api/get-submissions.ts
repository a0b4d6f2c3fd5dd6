import type { SubmissionListResponse } from '@gatehouse/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { contextIngestPath, ingestKeys } from './ingest-keys';

export const SUBMISSIONS_SHOWN = 20;

export const getSubmissions = (integrationId: string, contextKey: string, limit: number, signal?: AbortSignal) =>
  api<SubmissionListResponse>(`${contextIngestPath(integrationId, contextKey)}/submissions?limit=${limit}`, { signal });

export const submissionsQueryOptions = (integrationId: string, contextKey: string, limit = SUBMISSIONS_SHOWN) =>
  queryOptions({
    queryKey: ingestKeys.submissions(integrationId, contextKey, limit),
    queryFn: ({ signal }) => getSubmissions(integrationId, contextKey, limit, signal),
  });

export const useSubmissions = (integrationId: string, contextKey: string, { limit = SUBMISSIONS_SHOWN, enabled = true } = {}) =>
  useQuery({ ...submissionsQueryOptions(integrationId, contextKey, limit), enabled });
