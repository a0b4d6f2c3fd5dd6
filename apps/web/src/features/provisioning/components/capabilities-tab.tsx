import { CAPABILITY_KEYS, type CapabilityKey } from '@gatehouse/mapping';
import { Alert, Anchor, Group, Paper, SegmentedControl, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ConnectorEditor } from '../hooks/use-connector-editor';
import { formatJson } from '../utils/json-text';
import { OPERATION_DESCRIPTIONS } from '../utils/operations';
import { capabilityMessages, locateProblem, mappingMessages, type Problem } from '../utils/problem-location';
import type { FocusTarget } from './connector-focus';
import { JsonEditor } from './json-editor';
import { ProblemList } from './problem-list';

type Props = { editor: ConnectorEditor; focus: FocusTarget | null; onJump: (problem: Problem) => void };

/** Capabilities: which operations may run, as JSON or as switches. */
export function CapabilitiesTab({ editor, focus, onJump }: Props) {
  const [view, setView] = useState<'json' | 'form'>('json');
  useEffect(() => {
    if (focus?.tab === 'capabilities' && editor.capabilities.ok) setView('form');
  }, [focus, editor.capabilities.ok]);
  const problems = editor.problems.filter((p) => locateProblem(p.path).tab === 'capabilities');

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Text size="sm" c="dimmed" maw={680}>
          Turn on the operations your identity provider may run against the connected app. Every capability set to <code>true</code> needs a mapping
          of the same name.
        </Text>
        <SegmentedControl
          aria-label="Capabilities editor view"
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
          label="Capabilities JSON"
          kind="capabilities"
          value={editor.draft.capabilitiesText}
          onChange={(capabilitiesText) => editor.change({ capabilitiesText })}
          error={editor.capabilities.ok ? null : editor.capabilities.error}
          minHeight="320px"
        />
      ) : editor.capabilities.ok ? (
        <CapabilitySwitches editor={editor} capabilities={editor.capabilities.value} onJump={onJump} />
      ) : (
        <Alert color="red" title="The form needs valid JSON">
          Fix the syntax error in the JSON view first.
        </Alert>
      )}
      <ProblemList
        problems={problems}
        source={editor.serverProblems.length ? 'server' : 'live'}
        enabled={editor.draft.enabled}
        onSelect={onJump}
        subject="capabilities"
        paused={!editor.capabilities.ok || !editor.mappings.ok}
      />
    </Stack>
  );
}

function CapabilitySwitches({ editor, capabilities, onJump }: { editor: ConnectorEditor; capabilities: Record<string, unknown>; onJump: (p: Problem) => void }) {
  const messages = capabilityMessages(editor.problems);
  const toggle = (key: CapabilityKey, on: boolean) => {
    // All documented keys, in order, then anything else the JSON holds (validation names it).
    const next: Record<string, unknown> = {};
    for (const k of CAPABILITY_KEYS) next[k] = k === key ? on : capabilities[k] === true;
    for (const [k, v] of Object.entries(capabilities)) if (!(k in next)) next[k] = v;
    editor.change({ capabilitiesText: formatJson(next) });
  };
  return (
    <Paper withBorder p="md" radius="md">
      {messages[''] && (
        <Alert color="red" mb="sm">
          {messages[''].join(' ')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
        {CAPABILITY_KEYS.map((key) => {
          const missing = mappingMessages(editor.problems, key)[''];
          return (
            <Stack key={key} gap={2}>
              <Switch
                label={key}
                description={OPERATION_DESCRIPTIONS[key]}
                checked={capabilities[key] === true}
                onChange={(e) => toggle(key, e.currentTarget.checked)}
                error={messages[key]?.join(' ')}
              />
              {missing && capabilities[key] === true && (
                <Text size="xs" c="red.7" pl={54}>
                  Needs a mapping.{' '}
                  <Anchor component="button" type="button" size="xs" onClick={() => onJump({ path: `mappings.${key}`, message: missing[0]! })}>
                    Add it in Mappings
                  </Anchor>
                </Text>
              )}
            </Stack>
          );
        })}
      </SimpleGrid>
    </Paper>
  );
}
