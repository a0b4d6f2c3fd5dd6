import type { MonitoringCategoryResponse } from '@gatehouse/contracts';
import { Alert, Center, EmptyState, Group, Loader, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlugConnected, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useLastPushes } from '../../ingest/api/get-last-pushes';
import { useNow } from '../../ingest/hooks/use-now';
import { useIntegrations } from '../api/get-integrations';
import { categoryOptions, integrationListQuery } from '../utils/integration-filters';
import { GettingStarted } from './getting-started';
import { IntegrationCard } from './integration-card';

/** The Connected tab: the company's integrations as cards, with search and a category filter. */
export function ConnectedIntegrations({ categories }: { categories: readonly MonitoringCategoryResponse[] }) {
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const filter = integrationListQuery(debouncedSearch, category);
  const { data: integrations, isPending, error, isPlaceholderData } = useIntegrations(filter);
  const filtered = Object.keys(filter).length > 0;
  const lastPushes = useLastPushes();
  const now = useNow();

  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          label="Search integrations"
          placeholder="Search by name"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
        />
        <Select label="Category" placeholder="All categories" data={categoryOptions(categories)} value={category} onChange={setCategory} clearable w={260} />
      </Group>
      {isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading integrations" />
        </Center>
      ) : error ? (
        <Alert color="red" role="alert" title="Could not load integrations">
          {error.message}
        </Alert>
      ) : integrations.length === 0 && !filtered ? (
        <GettingStarted />
      ) : integrations.length === 0 ? (
        <EmptyState py="xl" variant="light" icon={<IconPlugConnected aria-hidden />} title="No integrations match" description="Try another name or category." />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} style={{ opacity: isPlaceholderData ? 0.6 : 1 }} aria-busy={isPlaceholderData}>
          {integrations.map((integration) => (
            <IntegrationCard
              key={integration.id}
              integration={integration}
              lastPush={lastPushes.data ? { push: lastPushes.data.get(integration.id), now } : undefined}
            />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
