import { Button, Code, CopyButton, Drawer, Group, ScrollArea, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { indentJsonText } from '../utils/record-text';

export interface OpenRecord {
  index: number;
  label: string;
  /** The record's JSON text exactly as it was pushed. */
  json: string;
}

type Layout = 'sent' | 'indented';

/**
 * The whole record exactly as it was pushed (or indented, every token still as sent), with a
 * button that copies the text as sent.
 */
export function RecordDrawer({ record, onClose }: { record: OpenRecord | null; onClose: () => void }) {
  const [layout, setLayout] = useState<Layout>('sent');
  const text = record ? (layout === 'sent' ? record.json : indentJsonText(record.json)) : '';
  return (
    <Drawer opened={record !== null} onClose={onClose} position="right" size="lg" title={record ? `Record ${record.label}` : ''} closeButtonProps={{ 'aria-label': 'Close record' }}>
      {record && (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Position {record.index + 1} in the latest accepted push, exactly as it was sent.
          </Text>
          <Group justify="space-between">
            <SegmentedControl
              size="xs"
              aria-label="Layout"
              value={layout}
              onChange={(value) => setLayout(value as Layout)}
              data={[
                { value: 'sent', label: 'As sent' },
                { value: 'indented', label: 'Indented' },
              ]}
            />
            <CopyButton value={record.json} timeout={1500}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" color={copied ? 'teal' : 'blue'} leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />} onClick={copy}>
                  {copied ? 'Copied' : 'Copy JSON as sent'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <ScrollArea.Autosize mah="calc(100vh - 180px)" type="auto">
            <Code block aria-label={`JSON of record ${record.label}`} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {text}
            </Code>
          </ScrollArea.Autosize>
        </Stack>
      )}
    </Drawer>
  );
}
