import type { MonitoringContextResponse } from '@gatehouse/contracts';
import type { JsonSchema } from '@gatehouse/schemas';
import { Anchor, Breadcrumbs, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useLayoutEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMe } from '../../features/auth/api/get-me';
import { ContextSyncStatus } from '../../features/ingest/components/context-sync-status';
import { DataTab } from '../../features/ingest/components/data-tab';
import { useIntegration } from '../../features/integrations/api/get-integration';
import { ConnectedIntegrations } from '../../features/integrations/components/connected-integrations';
import { DETAIL_TABS, IntegrationDetails, type DetailTab } from '../../features/integrations/components/integration-details';
import { IntegrationWizard } from '../../features/integrations/components/integration-wizard';
import type { IntegrationDataSlots, RenderMonitoringDetails, RenderMonitoringPicker } from '../../features/integrations/components/monitoring-slots';
import { SchemaView } from '../../features/integrations/components/schema-view';
import { wizardDraftKey } from '../../features/integrations/utils/wizard-draft-storage';
import { useMonitoringCategories } from '../../features/monitorings/api/get-monitoring-categories';
import { MonitoringDetailsModal } from '../../features/monitorings/components/monitoring-details-modal';
import { MonitoringPicker } from '../../features/monitorings/components/monitoring-picker';
import { NotFoundPage } from './not-found';

// The integration pages show pieces of the monitorings feature; they are wired in here.
const renderPicker: RenderMonitoringPicker = (props) => <MonitoringPicker {...props} />;
const renderContextSchema = (context: MonitoringContextResponse) => <SchemaView schema={context.schema as JsonSchema} label={context.key} />;
const renderMonitoringDetails: RenderMonitoringDetails = (props) => <MonitoringDetailsModal {...props} renderSchema={renderContextSchema} />;
// What was pushed to the integration (ingest): a status line per context card and the Data tab.
const dataSlots: IntegrationDataSlots = {
  renderContextSyncStatus: ({ integration, context }) => <ContextSyncStatus integrationId={integration.id} contextKey={context.key} />,
  renderDataTab: ({ integration }) => <DataTab integration={integration} />,
};

function IntegrationsCrumbs({ current }: { current: string }) {
  return (
    <Breadcrumbs aria-label="Breadcrumb" style={{ minWidth: 0 }}>
      <Anchor component={Link} to="/integrations" size="sm">
        Integrations
      </Anchor>
      {/* A long name is cut with an ellipsis rather than widening the page on a phone. */}
      <Text size="sm" c="dimmed" aria-current="page" truncate title={current} style={{ minWidth: 0 }}>
        {current}
      </Text>
    </Breadcrumbs>
  );
}

/** /integrations: the company's integrations. */
export function IntegrationsPage() {
  const { data: categories = [] } = useMonitoringCategories();
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>Integrations</Title>
          <Text c="dimmed">Connect in-house systems that push evidence to Gatehouse.</Text>
        </div>
        <Button component={Link} to="/integrations/new">
          + Custom Integration
        </Button>
      </Group>
      <Tabs defaultValue="connected">
        <Tabs.List>
          <Tabs.Tab value="connected">Connected</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="connected" pt="md">
          <ConnectedIntegrations categories={categories} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** /integrations/new: the custom integration wizard. */
export function NewIntegrationPage() {
  const { data: me } = useMe();
  // The draft is kept per signed-in admin and company (docs/web.md); the page is only shown signed in.
  const storageKey = me ? wizardDraftKey(me.company.id, me.user.id) : undefined;
  return (
    <Stack>
      <IntegrationsCrumbs current="Custom Integration" />
      <Title order={2}>New custom integration</Title>
      <IntegrationWizard key={storageKey} renderPicker={renderPicker} storageKey={storageKey} />
    </Stack>
  );
}

const isDetailTab = (value: string | undefined): value is DetailTab => DETAIL_TABS.includes(value as DetailTab);

/** /integrations/:id/:tab?: one integration; the URL keeps the open tab. */
export function IntegrationDetailsPage() {
  const { id = '', tab } = useParams();
  const navigate = useNavigate();
  const { data: integration } = useIntegration(id);
  // Opening an integration (after Finish, from a card far down the list) starts at its top;
  // switching its tabs keeps the place.
  useLayoutEffect(() => {
    window.scrollTo(0, 0);
  }, [id]);
  if (tab !== undefined && !isDetailTab(tab)) {
    return <NotFoundPage message={`An integration has no “${tab}” tab.`} backTo={`/integrations/${id}`} backLabel="Go to the integration" />;
  }
  return (
    <Stack>
      <IntegrationsCrumbs current={integration?.name ?? 'Integration'} />
      <IntegrationDetails
        integrationId={id}
        tab={isDetailTab(tab) ? tab : 'overview'}
        onTabChange={(next) => navigate(next === 'overview' ? `/integrations/${id}` : `/integrations/${id}/${next}`, { replace: true })}
        onDeleted={() => navigate('/integrations', { replace: true })}
        renderPicker={renderPicker}
        renderMonitoringDetails={renderMonitoringDetails}
        {...dataSlots}
      />
    </Stack>
  );
}
