import { Button, Code, CopyButton, Drawer, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

export interface OpenRecord {
  index: number;
  label: string;
  data: unknown;
}

/** The whole record as it was pushed, pretty-printed, with a copy button. */
export function RecordDrawer({ record, onClose }: { record: OpenRecord | null; onClose: () => void }) {
  const json = record ? JSON.stringify(record.data, null, 2) : '';
  return (
    <Drawer opened={record !== null} onClose={onClose} position="right" size="lg" title={record ? `Record ${record.label}` : ''} closeButtonProps={{ 'aria-label': 'Close record' }}>
      {record && (
        <Stack gap="sm">
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              Position {record.index + 1} in the latest accepted push.
            </Text>
            <CopyButton value={json} timeout={1500}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" color={copied ? 'teal' : 'blue'} leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />} onClick={copy}>
                  {copied ? 'Copied' : 'Copy JSON'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <ScrollArea.Autosize mah="calc(100vh - 160px)" type="auto">
            <Code block aria-label={`JSON of record ${record.label}`}>
              {json}
            </Code>
          </ScrollArea.Autosize>
        </Stack>
      )}
    </Drawer>
  );
}
