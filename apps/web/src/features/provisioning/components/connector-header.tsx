import { Badge, Button, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useConnectorStatus } from '../api/get-connector-status';
import type { ConnectorEditor } from '../hooks/use-connector-editor';
import { connectorStatus, connectorTypeLabel, formatLastCall } from '../utils/connector-display';
import { problemCountLabel } from './problem-list';

/** Name, status and the save controls of the instance page; the draft is shared by every tab. */
export function ConnectorHeader({ editor, onSave }: { editor: ConnectorEditor; onSave: () => void }) {
  const { connector, dirty, blockers, liveProblems } = editor;
  const status = connectorStatus(connector);
  const { lastCallAt, lastError } = useConnectorStatus(connector);
  const syntaxOk = editor.capabilities.ok && editor.mappings.ok;
  // Red: a save would be refused; yellow: only warnings, or problems of a disabled instance.
  const badgeColor = !syntaxOk || liveProblems.some((p) => p.blocksSave) ? 'red' : liveProblems.length === 0 ? 'teal' : 'yellow';
  return (
    <Stack gap={6}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Title order={2}>{connector.name}</Title>
          <Group gap="xs">
            <Badge variant="outline" color="gray">
              {connectorTypeLabel(connector.type)}
            </Badge>
            <Badge color={status.color} variant="light">
              {status.label}
            </Badge>
            {editor.notSetUp ? (
              <Tooltip label="Choose an auth type, turn on capabilities and map them, then enable the instance" withArrow multiline w={280}>
                <Badge color="gray" variant="dot" role="status">
                  Not set up yet
                </Badge>
              </Tooltip>
            ) : (
              <Tooltip label="Validation of the current editors, as you type" withArrow>
                <Badge color={badgeColor} variant="dot" role="status">
                  {!syntaxOk ? 'JSON syntax error' : liveProblems.length === 0 ? 'No problems' : problemCountLabel(liveProblems.length)}
                </Badge>
              </Tooltip>
            )}
            <Text size="sm" c="dimmed">
              Last call: {formatLastCall(lastCallAt)}
            </Text>
          </Group>
          {lastError && (
            <Text size="sm" c="red.7" lineClamp={2} title={lastError}>
              Last error: {lastError}
            </Text>
          )}
        </Stack>
        <Stack gap={4} align="flex-end">
          <Group gap="xs" wrap="nowrap">
            {dirty && (
              <Text size="sm" c="dimmed">
                Unsaved changes
              </Text>
            )}
            <Button variant="default" onClick={editor.discard} disabled={!dirty || editor.saving}>
              Discard
            </Button>
            <Button leftSection={<IconDeviceFloppy size={16} aria-hidden />} onClick={onSave} disabled={!dirty || blockers.length > 0} loading={editor.saving}>
              Save changes
            </Button>
          </Group>
          {dirty && blockers.length > 0 && (
            <Text size="xs" c="red.7" ta="right" maw={360}>
              {blockers.join(' ')}
            </Text>
          )}
        </Stack>
      </Group>
    </Stack>
  );
}
