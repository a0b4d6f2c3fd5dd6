import { Alert, Anchor, Center, Loader, Stack, Tabs } from '@mantine/core';
import { Link } from 'react-router';
import { ApiRequestError } from '../../../lib/api-client';
import { useIntegration } from '../api/get-integration';
import { IntegrationHeader } from './integration-header';
import { JsonSampleTab } from './json-sample-tab';
import type { IntegrationDataSlots, RenderMonitoringDetails, RenderMonitoringPicker } from './monitoring-slots';
import { MonitoringTab } from './monitoring-tab';
import { OverviewTab } from './overview-tab';

export const DETAIL_TABS = ['overview', 'monitoring', 'json-sample', 'data'] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

export interface IntegrationDetailsProps extends IntegrationDataSlots {
  integrationId: string;
  tab: DetailTab;
  onTabChange: (tab: DetailTab) => void;
  onDeleted: () => void;
  renderPicker: RenderMonitoringPicker;
  renderMonitoringDetails: RenderMonitoringDetails;
}

/** The details page of one integration: header, then Overview, Monitoring and JSON Sample tabs. */
export function IntegrationDetails({ integrationId, tab, onTabChange, onDeleted, renderPicker, renderMonitoringDetails, renderContextSyncStatus, renderDataTab }: IntegrationDetailsProps) {
  const { data: integration, isPending, error } = useIntegration(integrationId);
  if (isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading integration" />
      </Center>
    );
  }
  if (error || !integration) {
    const missing = error instanceof ApiRequestError && error.status === 404;
    return (
      <Alert color={missing ? 'yellow' : 'red'} role="alert" title={missing ? 'Integration not found' : 'Could not load the integration'}>
        {missing ? 'It may have been deleted. ' : `${error?.message ?? ''} `}
        <Anchor component={Link} to="/integrations">
          Back to integrations
        </Anchor>
      </Alert>
    );
  }
  const current = tab === 'data' && !renderDataTab ? 'overview' : tab;
  return (
    <Stack gap="lg">
      <IntegrationHeader integration={integration} onDeleted={onDeleted} />
      <Tabs value={current} onChange={(v) => onTabChange((v ?? 'overview') as DetailTab)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="monitoring">Monitoring</Tabs.Tab>
          <Tabs.Tab value="json-sample">JSON Sample</Tabs.Tab>
          {renderDataTab && <Tabs.Tab value="data">Data</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <OverviewTab integration={integration} renderContextSyncStatus={renderContextSyncStatus} />
        </Tabs.Panel>
        <Tabs.Panel value="monitoring" pt="md">
          <MonitoringTab integration={integration} renderPicker={renderPicker} renderMonitoringDetails={renderMonitoringDetails} />
        </Tabs.Panel>
        <Tabs.Panel value="json-sample" pt="md">
          <JsonSampleTab integration={integration} />
        </Tabs.Panel>
        {renderDataTab && (
          <Tabs.Panel value="data" pt="md">
            {renderDataTab({ integration })}
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
