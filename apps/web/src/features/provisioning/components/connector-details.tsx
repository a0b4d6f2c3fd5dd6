import type { ConnectorResponse } from '@gatehouse/contracts';
import { Alert, Badge, Button, Center, Loader, Stack, Tabs } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useLeaveGuard } from '../../../lib/leave-guard';
import { useConnector } from '../api/get-connector';
import { useConnectorEditor } from '../hooks/use-connector-editor';
import { connectorTabs, shownTab } from '../utils/connector-kinds';
import { locateProblem, problemCountsByTab, type ConnectorTab, type Problem } from '../utils/problem-location';
import { ActivityTab } from './activity-tab';
import { CapabilitiesTab } from './capabilities-tab';
import type { FocusTarget } from './connector-focus';
import { ConnectorHeader } from './connector-header';
import { ImportAccountsTab } from './import-accounts-tab';
import { MappingsTab } from './mappings-tab';
import { PreviewTestTab } from './preview-test-tab';
import { ScimConnectionTab } from './scim-connection-tab';
import { SettingsTab } from './settings-tab';

type Props = {
  connectorId: string;
  tab: ConnectorTab;
  onTabChange: (tab: ConnectorTab) => void;
  onDeleted: () => void;
  onBack: () => void;
};

const SAVE_NOTICE = 'connector-save';

const TAB_LABELS: Record<ConnectorTab, string> = {
  settings: 'Settings',
  capabilities: 'Capabilities',
  mappings: 'Mappings',
  preview: 'Preview & Test',
  scim: 'SCIM connection',
  import: 'Import accounts',
  activity: 'Activity',
};

const CHANGE_LABELS: Record<string, string> = {
  name: 'name',
  enabled: 'Enabled',
  deactivationAsDelete: 'deactivation setting',
  allowInsecureHttp: 'HTTP setting',
  idpProfile: 'IdP profile',
  auth: 'authentication',
  scimBaseUrl: 'SCIM base URL',
  capabilities: 'capabilities',
  mappings: 'mappings',
};

/** What a save would change, in words, for the leave question. */
function unsavedParts(editor: ReturnType<typeof useConnectorEditor>): string[] {
  const parts = Object.keys(editor.changes).map((key) => CHANGE_LABELS[key] ?? key);
  if (!editor.capabilities.ok) parts.push('capabilities');
  if (!editor.mappings.ok) parts.push('mappings');
  return [...new Set(parts)];
}

/** One provisioning instance: loads it, then the tabbed workspace. */
export function ConnectorDetails({ connectorId, onBack, ...rest }: Props) {
  const connector = useConnector(connectorId);
  if (connector.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the instance" />
      </Center>
    );
  }
  if (connector.isError) {
    const missing = connector.error instanceof ApiRequestError && connector.error.status === 404;
    return (
      <Alert color={missing ? 'gray' : 'red'} role="alert" title={missing ? 'Instance not found' : 'Could not load the instance'}>
        <Stack gap="xs" align="flex-start">
          {missing ? 'It may have been deleted.' : connector.error instanceof ApiRequestError ? connector.error.message : 'Could not reach the server.'}
          <Button size="xs" variant="light" onClick={missing ? onBack : () => void connector.refetch()}>
            {missing ? 'Back to Provisioning' : 'Try again'}
          </Button>
        </Stack>
      </Alert>
    );
  }
  // A new editor per instance: a draft never carries over to another one.
  return <ConnectorWorkspace key={connector.data.id} connector={connector.data} {...rest} />;
}

function ConnectorWorkspace({ connector, tab: asked, onTabChange, onDeleted }: Omit<Props, 'connectorId' | 'onBack'> & { connector: ConnectorResponse }) {
  const editor = useConnectorEditor(connector);
  // A SCIM proxy has no capabilities, mappings or preview: their URLs show its Settings.
  const tab = shownTab(connector.type, asked);
  const proxy = connector.type === 'scim_proxy';
  const [focus, setFocus] = useState<FocusTarget | null>(null);
  const counts = problemCountsByTab(editor.problems);
  // Set when a save sent the connector to a new server and the API cleared its secret; shown
  // until a secret is set again.
  const [secretCleared, setSecretCleared] = useState(false);
  // Unsaved edits are asked about before leaving the instance; its own tabs share the draft.
  const base = `/provisioning/${connector.id}`;
  const stays = useCallback((pathname: string) => pathname === base || pathname.startsWith(`${base}/`), [base]);
  const parts = unsavedParts(editor);
  const guard = useLeaveGuard({
    when: editor.dirty,
    message: `Your unsaved changes to ${connector.name}${parts.length ? ` (${parts.join(', ')})` : ''} will be lost.`,
    stays,
  });

  const jump = useCallback(
    (problem: Problem) => {
      const place = locateProblem(problem.path);
      onTabChange(place.tab);
      setFocus((f) => ({ ...place, seq: (f?.seq ?? 0) + 1 }));
    },
    [onTabChange],
  );

  const save = async () => {
    const outcome = await editor.save();
    // One message about saving at a time: a success replaces an earlier refusal.
    notifications.hide(SAVE_NOTICE);
    if (outcome.ok) {
      notifications.show({ id: SAVE_NOTICE, color: 'green', title: 'Changes saved', message: `${outcome.saved.name} is ${outcome.saved.enabled ? 'enabled' : 'disabled'}.` });
      if (outcome.saved.secretCleared) setSecretCleared(true);
    } else {
      notifications.show({
        id: SAVE_NOTICE,
        color: 'red',
        title: 'Not saved',
        message: outcome.message.length > 160 ? 'The server found problems; each is listed where it belongs.' : outcome.message,
      });
    }
  };

  return (
    <Stack>
      {guard.dialog}
      <ConnectorHeader editor={editor} onSave={() => void save()} />
      {secretCleared && !connector.hasSecret && (
        <Alert color="yellow" role="alert" title="Secret cleared" withCloseButton closeButtonLabel="Dismiss" onClose={() => setSecretCleared(false)}>
          These changes send requests to a server the secret was not sent to before, so the stored secret was removed. Enter it again under
          Settings to use this connector with the new server.
        </Alert>
      )}
      <Tabs value={tab} onChange={(v) => onTabChange((v ?? 'settings') as ConnectorTab)}>
        <Tabs.List>
          {connectorTabs(connector.type).map((t) => (
            <Tabs.Tab
              key={t}
              value={t}
              rightSection={
                counts[t] ? (
                  <Badge size="xs" circle color={editor.serverProblems.length || editor.draft.enabled ? 'red' : 'yellow'} aria-label={`${counts[t]} problems`}>
                    {counts[t]}
                  </Badge>
                ) : undefined
              }
            >
              {TAB_LABELS[t]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="settings" pt="md">
          <SettingsTab
            editor={editor}
            onJump={jump}
            onDeleted={() => {
              guard.allowNextNavigation();
              onDeleted();
            }}
          />
        </Tabs.Panel>
        {!proxy && (
          <>
            <Tabs.Panel value="capabilities" pt="md">
              <CapabilitiesTab editor={editor} focus={focus} onJump={jump} />
            </Tabs.Panel>
            <Tabs.Panel value="mappings" pt="md">
              <MappingsTab editor={editor} focus={focus} onJump={jump} />
            </Tabs.Panel>
            <Tabs.Panel value="preview" pt="md">
              <PreviewTestTab editor={editor} />
            </Tabs.Panel>
          </>
        )}
        {/* Shown only while open, so they load fresh each time: tokens, calls and the app's accounts change outside this page. */}
        <Tabs.Panel value="scim" pt="md">
          {tab === 'scim' && <ScimConnectionTab connector={connector} />}
        </Tabs.Panel>
        {!proxy && (
          <Tabs.Panel value="import" pt="md">
            {tab === 'import' && <ImportAccountsTab connector={connector} />}
          </Tabs.Panel>
        )}
        <Tabs.Panel value="activity" pt="md">
          {tab === 'activity' && <ActivityTab connector={connector} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
