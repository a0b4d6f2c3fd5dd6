import { allowedResponseFieldKeys, isListOperation, type CapabilityKey } from '@gatehouse/mapping';
import { Alert, Button, Code, Group, Modal, ScrollArea, SegmentedControl, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconFileSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { parseExample, pathOptionsFor } from '../utils/response-paths';

type Props = { operation: CapabilityKey; onPick: (key: string, path: string) => void };

/** "From an example response": paste the success body from the API docs, click a value to map a field to it. */
export function ExampleResponsePicker({ operation, onPick }: Props) {
  const [opened, dialog] = useDisclosure(false);
  const keys = allowedResponseFieldKeys(operation);
  if (keys.length === 0) return null;
  return (
    <>
      <Button variant="subtle" size="compact-xs" leftSection={<IconFileSearch size={14} aria-hidden />} onClick={dialog.open}>
        From an example response
      </Button>
      <Modal opened={opened} onClose={dialog.close} title="Map response fields from an example" size="xl">
        <PickerBody operation={operation} keys={keys} onPick={onPick} onDone={dialog.close} />
      </Modal>
    </>
  );
}

function PickerBody({ operation, keys, onPick, onDone }: { operation: CapabilityKey; keys: readonly string[]; onPick: Props['onPick']; onDone: () => void }) {
  const list = isListOperation(operation);
  const [text, setText] = useState('');
  const [key, setKey] = useState<string>(list ? 'items' : 'id');
  const [picked, setPicked] = useState<Record<string, string>>({});
  const parsed = useMemo(() => parseExample(text), [text]);
  const options = parsed.ok ? pathOptionsFor(parsed.body, key, list, picked.items) : null;

  const pick = (path: string) => {
    onPick(key, path);
    setPicked((p) => ({ ...p, [key]: path }));
    // Move on to the next field not mapped from this example yet.
    const next = keys.find((k) => k !== key && picked[k] === undefined);
    if (next) setKey(next);
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Paste a success response from the connected app's API documentation, choose a field, then click the value it should read.
        {list && ' Start with items, the list of elements; the other fields are read from one element.'}
      </Text>
      <Textarea
        label="Example success response"
        placeholder='{"data": {"id": "123", "email": "jane@example.com"}}'
        autosize
        minRows={5}
        maxRows={12}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
      />
      {!parsed.ok && text.trim() !== '' && <Alert color="red">{parsed.message}</Alert>}
      <SegmentedControl aria-label="Response field to fill" value={key} onChange={setKey} data={keys.map((k) => ({ value: k, label: picked[k] !== undefined ? `${k} ✓` : k }))} fullWidth />
      {options && 'message' in options && <Text size="sm">{options.message}</Text>}
      {options && !('message' in options) && (
        <ScrollArea.Autosize mah={280} type="auto">
          <Stack gap={2} role="group" aria-label={`Paths for ${key}`}>
            {options.map((o) => (
              <UnstyledButton
                key={o.path || '(root)'}
                aria-label={`Use ${o.path || 'the whole body'} for ${key}`}
                onClick={() => pick(o.path)}
                px="xs"
                py={4}
                style={{ borderRadius: 4, background: picked[key] === o.path ? 'var(--mantine-color-blue-0)' : undefined }}
              >
                <Group gap="sm" wrap="nowrap">
                  <Code>{o.path || '(whole body)'}</Code>
                  <Text size="xs" c="dimmed" truncate>
                    {o.preview}
                  </Text>
                  {picked[key] === o.path && <IconCheck size={14} aria-hidden />}
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
      <Group justify="flex-end">
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
