import { CAPABILITY_KEYS, type CapabilityKey } from '@gatehouse/mapping';
import { Alert, Button, Group, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ConnectorEditor } from '../hooks/use-connector-editor';
import { formatJson } from '../utils/json-text';
import { starterMapping } from '../utils/mapping-form';
import { OPERATION_DESCRIPTIONS } from '../utils/operations';
import { locateProblem, mappingMessages, problemCountsByOperation, type Problem } from '../utils/problem-location';
import type { FocusTarget } from './connector-focus';
import { JsonEditor } from './json-editor';
import { MappingForm } from './mapping-form';
import { ProblemList } from './problem-list';

type Props = { editor: ConnectorEditor; focus: FocusTarget | null; onJump: (problem: Problem) => void };

/** Mappings: each operation's HTTP request and response reading, as JSON or one operation at a time as a form. */
export function MappingsTab({ editor, focus, onJump }: Props) {
  const [view, setView] = useState<'json' | 'form'>('json');
  const mappings = editor.mappings.ok ? editor.mappings.value : null;
  const capabilities = editor.capabilities.ok ? editor.capabilities.value : {};
  const [operation, setOperation] = useState<CapabilityKey>(() => CAPABILITY_KEYS.find((k) => capabilities[k] === true) ?? 'create_user');

  useEffect(() => {
    if (focus?.tab !== 'mappings' || !focus.operation || !editor.mappings.ok) return;
    setView('form');
    setOperation(focus.operation);
  }, [focus, editor.mappings.ok]);

  const problems = editor.problems.filter((p) => locateProblem(p.path).tab === 'mappings');
  const counts = problemCountsByOperation(problems);
  const write = (op: CapabilityKey, mapping: Record<string, unknown>) => editor.change({ mappingsText: formatJson({ ...mappings, [op]: mapping }) });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Text size="sm" c="dimmed" maw={680}>
          Describe each operation as an HTTP request template with <code>{'{placeholders}'}</code>, and where its success response holds the user or
          group (<code>response_fields</code>). Press Ctrl+Space in the JSON for suggestions.
        </Text>
        <SegmentedControl
          aria-label="Mappings editor view"
          value={view}
          onChange={(v) => setView(v as 'json' | 'form')}
          data={[
            { value: 'json', label: 'JSON' },
            { value: 'form', label: 'Form' },
          ]}
        />
      </Group>

      {view === 'json' ? (
        <JsonEditor
          label="Mappings JSON"
          kind="mappings"
          value={editor.draft.mappingsText}
          onChange={(mappingsText) => editor.change({ mappingsText })}
          error={editor.mappings.ok ? null : editor.mappings.error}
          minHeight="360px"
          maxHeight="640px"
        />
      ) : !mappings ? (
        <Alert color="red" title="The form needs valid JSON">
          Fix the syntax error in the JSON view first.
        </Alert>
      ) : (
        <Paper withBorder radius="md" p="md">
          <Stack>
            <Select
              label="Operation"
              w={360}
              value={operation}
              onChange={(v) => v && setOperation(v as CapabilityKey)}
              allowDeselect={false}
              data={CAPABILITY_KEYS.map((k) => ({ value: k, label: operationLabel(k, capabilities[k] === true, mappings[k] !== undefined, counts[k] ?? 0) }))}
              description={OPERATION_DESCRIPTIONS[operation]}
            />
            {mappings[operation] === undefined ? (
              <Stack align="flex-start" gap="xs">
                <Text size="sm">There is no mapping for {operation} yet.</Text>
                <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => write(operation, starterMapping(operation))}>
                  Add a {operation} mapping
                </Button>
              </Stack>
            ) : (
              <MappingForm
                key={operation}
                operation={operation}
                mapping={mappings[operation]}
                onChange={(m) => write(operation, m)}
                messages={mappingMessages(problems, operation)}
                focus={focus}
              />
            )}
          </Stack>
        </Paper>
      )}
      <ProblemList
        problems={problems}
        source={editor.serverProblems.length ? 'server' : 'live'}
        enabled={editor.draft.enabled}
        onSelect={onJump}
        subject="mappings"
        paused={!editor.capabilities.ok || !editor.mappings.ok}
      />
    </Stack>
  );
}

function operationLabel(op: CapabilityKey, enabled: boolean, mapped: boolean, problems: number): string {
  const notes = [enabled ? 'enabled' : null, mapped ? null : 'no mapping', problems ? `${problems} problem${problems === 1 ? '' : 's'}` : null].filter(Boolean);
  return notes.length ? `${op} (${notes.join(', ')})` : op;
}
