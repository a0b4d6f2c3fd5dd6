import { BODY_KINDS, HTTP_METHODS, PLACEHOLDER_NAMES, type CapabilityKey } from '@gatehouse/mapping';
import { Alert, Box, Code, Grid, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { sameJsonValue } from '../utils/json-text';
import { formToMapping, mappingToForm, type MappingFormValues } from '../utils/mapping-form';
import type { FocusTarget } from './connector-focus';
import { ExampleResponsePicker } from './example-response-picker';
import { KeyValueRows } from './key-value-rows';
import { ResponseFieldsEditor } from './response-fields-editor';

type Props = {
  operation: CapabilityKey;
  /** The operation's mapping as the JSON holds it. */
  mapping: unknown;
  onChange: (mapping: Record<string, unknown>) => void;
  /** Messages keyed as mappingMessages gives them. */
  messages: Record<string, string[]>;
  focus: FocusTarget | null;
};

const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

/** Messages of one field and its items (`headers.X-Org` under headers), items re-keyed by name. */
function itemMessages(messages: Record<string, string[]>, field: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, list] of Object.entries(messages)) {
    if (key === field) out[''] = list;
    else if (key.startsWith(`${field}.`)) out[key.slice(field.length + 1)] = list;
  }
  return out;
}

/** One operation's mapping as fields; every edit is written back to the Mappings JSON. */
export function MappingForm({ operation, mapping, onChange, messages, focus }: Props) {
  const [form, setForm] = useState<MappingFormValues>(() => mappingToForm(mapping));
  // The form keeps half-typed rows the JSON cannot hold (an empty header); it reloads only when
  // the JSON changed some other way.
  const written = useRef<unknown>(mapping);
  useEffect(() => {
    if (!sameJsonValue(mapping, written.current)) {
      written.current = mapping;
      setForm(mappingToForm(mapping));
    }
  }, [mapping]);

  const edit = (patch: Partial<MappingFormValues>) => {
    const next = { ...form, ...patch };
    setForm(next);
    const out = formToMapping(next, mapping);
    written.current = out;
    onChange(out);
  };

  const root = useRef<HTMLDivElement>(null);
  const [highlight, setHighlight] = useState<string | null>(null);
  useEffect(() => {
    if (!focus || focus.tab !== 'mappings' || focus.operation !== operation || !focus.field) return;
    const key = focus.field === 'response_fields' && focus.item ? `response_fields.${focus.item}` : focus.field;
    const spots = Array.from(root.current?.querySelectorAll<HTMLElement>('[data-field]') ?? []);
    const el = spots.find((e) => e.dataset.field === key) ?? spots.find((e) => e.dataset.field === focus.field);
    if (!el) return;
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    (el.matches('input, textarea') ? el : el.querySelector<HTMLElement>('input, textarea'))?.focus({ preventScroll: true });
    setHighlight(focus.field);
    const timer = setTimeout(() => setHighlight(null), 2500);
    return () => clearTimeout(timer);
  }, [focus, operation]);

  const spot = (field: string, child: ReactNode) => (
    <Box
      data-field={field}
      data-highlighted={highlight === field || undefined}
      style={{
        borderRadius: 'var(--mantine-radius-sm)',
        outline: highlight === field ? '2px solid var(--mantine-color-yellow-5)' : undefined,
        outlineOffset: 4,
        transition: 'outline-color 300ms',
      }}
    >
      {child}
    </Box>
  );
  const err = (field: string) => messages[field]?.join(' ');
  const hasBody = form.body_kind === 'json' || form.body_kind === 'xml' || form.body_template !== '';

  return (
    <Stack ref={root} gap="md">
      {messages[''] && (
        <Alert color="red" role="alert">
          {messages[''].join(' ')}
        </Alert>
      )}
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 3 }}>
          {spot(
            'http_method',
            <Select label="HTTP method" withAsterisk data={[...HTTP_METHODS]} value={form.http_method || null} onChange={(v) => edit({ http_method: v ?? '' })} error={err('http_method')} allowDeselect={false} />,
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 9 }}>
          {spot(
            'url_template',
            <TextInput
              label="URL template"
              withAsterisk
              placeholder="https://api.example.com/v1/users/{integration_user_id}"
              value={form.url_template}
              onChange={(e) => edit({ url_template: e.currentTarget.value })}
              error={err('url_template')}
              styles={mono}
            />,
          )}
        </Grid.Col>
      </Grid>
      <Text size="xs" c="dimmed">
        Placeholders: {PLACEHOLDER_NAMES.map((p) => `{${p}}`).join(' ')}
      </Text>
      {spot(
        'query_params',
        <KeyValueRows label="Query parameters" noun="parameter" rows={form.query_params} onChange={(query_params) => edit({ query_params })} messages={itemMessages(messages, 'query_params')} valuePlaceholder="{scim_user_email}" />,
      )}
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          {spot(
            'body_kind',
            <Select
              label="Body kind"
              data={[{ value: '', label: 'not set (none)' }, ...BODY_KINDS.map((k) => ({ value: k, label: k }))]}
              value={form.body_kind}
              onChange={(v) => edit({ body_kind: v ?? '' })}
              error={err('body_kind')}
              allowDeselect={false}
            />,
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          {spot(
            'content_type',
            <TextInput label="Content type" description="Optional; defaults from the body kind" placeholder="application/xml" value={form.content_type} onChange={(e) => edit({ content_type: e.currentTarget.value })} error={err('content_type')} />,
          )}
        </Grid.Col>
      </Grid>
      {hasBody &&
        spot(
          'body_template',
          <Textarea
            label="Body template"
            description={form.body_kind === 'xml' ? 'XML with {placeholders} in element text or quoted attributes.' : 'JSON with {placeholders}; values are escaped where they land.'}
            autosize
            minRows={3}
            maxRows={14}
            value={form.body_template}
            onChange={(e) => edit({ body_template: e.currentTarget.value })}
            error={err('body_template')}
            styles={mono}
          />,
        )}
      {spot('headers', <KeyValueRows label="Headers" noun="header" rows={form.headers} onChange={(headers) => edit({ headers })} messages={itemMessages(messages, 'headers')} />)}
      {spot(
        'success_status',
        <TextInput
          label="Success statuses"
          description="Comma-separated HTTP statuses that mean success; empty means any 2xx."
          placeholder="200, 201"
          value={form.success_status}
          onChange={(e) => edit({ success_status: e.currentTarget.value })}
          error={err('success_status')}
        />,
      )}
      {spot(
        'response_fields',
        <ResponseFieldsEditor
          operation={operation}
          fields={form.response_fields}
          onChange={(response_fields) => edit({ response_fields })}
          messages={itemMessages(messages, 'response_fields')}
          action={<ExampleResponsePicker operation={operation} onPick={(key, path) => edit({ response_fields: { ...form.response_fields, [key]: path } })} />}
        />,
      )}
      {spot(
        'error_message_path',
        <TextInput
          label="Error message path"
          description="Optional path into error bodies for a readable failure message."
          placeholder="error.message"
          value={form.error_message_path}
          onChange={(e) => edit({ error_message_path: e.currentTarget.value })}
          error={err('error_message_path')}
          styles={mono}
        />,
      )}
      {Object.keys(messages).some((k) => !isShown(k)) && (
        <Alert color="red" title="Other problems in this mapping">
          {Object.entries(messages)
            .filter(([k]) => !isShown(k))
            .map(([k, list]) => (
              <Text size="sm" key={k}>
                <Code>{k}</Code>: {list.join(' ')}
              </Text>
            ))}
        </Alert>
      )}
    </Stack>
  );
}

const SHOWN = ['', 'http_method', 'url_template', 'query_params', 'body_kind', 'content_type', 'body_template', 'headers', 'success_status', 'response_fields', 'error_message_path'];
const isShown = (key: string) => SHOWN.includes(key) || SHOWN.some((f) => f !== '' && key.startsWith(`${f}.`));
