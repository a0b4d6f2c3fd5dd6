/** Query keys for API keys; invalidate `apiKeyKeys.all` to refresh everything this feature shows. */
export const apiKeyKeys = {
  all: ['api-keys'] as const,
  list: () => [...apiKeyKeys.all, 'list'] as const,
};
