import type { PreviewConnectorResponse } from '@gatehouse/contracts';
import { CAPABILITY_KEYS, type CapabilityKey } from '@gatehouse/mapping';
import { Alert, Button, Code, Grid, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconServer } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { usePreviewConnector } from '../api/preview-connector';
import type { ConnectorEditor } from '../hooks/use-connector-editor';
import { computeLivePreview, methodOf, type LivePreview } from '../utils/live-preview';
import { parseJsonText } from '../utils/json-text';
import { OPERATION_DESCRIPTIONS } from '../utils/operations';
import { JsonEditor } from './json-editor';
import { LiveTestPanel } from './live-test-panel';
import { RequestView } from './request-view';
import { ResolvedView } from './resolved-view';

const CONTEXT_HELP =
  'Optional. Merged over the built-in samples: scim_user and scim_patch shallowly, member_ids replaces, integration_user_id, group_id, group_name and group_description override. Empty uses the samples.';

/** Preview & Test: the request an operation makes, computed as you type, the server's preview, and a live test. */
export function PreviewTestTab({ editor }: { editor: ConnectorEditor }) {
  const { connector } = editor;
  const capabilities = editor.capabilities.ok ? editor.capabilities.value : {};
  const [operation, setOperation] = useState<CapabilityKey>(() => CAPABILITY_KEYS.find((k) => capabilities[k] === true) ?? 'create_user');
  const [context, setContext] = useState('');
  const [sample, setSample] = useState('');
  const server = usePreviewConnector();

  const contextSyntax = useMemo(() => (context.trim() === '' ? null : parseJsonText(context)), [context]);
  const contextError = contextSyntax && !contextSyntax.ok ? contextSyntax.error : null;
  const blocked = contextError ? 'Fix the context JSON first.' : null;
  const mappings = editor.mappings.ok ? editor.mappings.value : null;
  const live = useMemo(
    () => computeLivePreview({ operation, mappings, auth: editor.auth, context, sampleResponse: sample }),
    [operation, mappings, editor.auth, context, sample],
  );
  const unsaved = editor.changes.mappings !== undefined || editor.changes.auth !== undefined || !editor.mappings.ok;

  const runServerPreview = () =>
    server.mutate({ id: connector.id, operation, context: context.trim() === '' ? undefined : context, sampleResponse: sample.trim() === '' ? undefined : sample });

  return (
    <Stack gap="lg">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Select
              label="Operation"
              data={[...CAPABILITY_KEYS]}
              value={operation}
              onChange={(v) => {
                if (!v) return;
                setOperation(v as CapabilityKey);
                server.reset();
              }}
              allowDeselect={false}
              description={OPERATION_DESCRIPTIONS[operation]}
            />
            <JsonEditor label="Context JSON" description={CONTEXT_HELP} kind="context" allowEmpty value={context} onChange={setContext} error={contextError} placeholder='{"integration_user_id": "1938"}' minHeight="120px" maxHeight="260px" />
            <Textarea
              label="Sample response body"
              description="Optional, Preview only: a success body (JSON or XML) to check response_fields against."
              autosize
              minRows={4}
              maxRows={12}
              value={sample}
              onChange={(e) => setSample(e.currentTarget.value)}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder radius="md" p="md" h="100%">
            <Stack>
              <div>
                <Title order={4}>Preview</Title>
                <Text size="sm" c="dimmed">
                  Computed in your browser from the editors as they are now, by the same engine the server runs. Nothing is sent.
                </Text>
              </div>
              <LivePreviewView preview={live} operation={operation} />
              <Group gap="sm">
                <Button variant="default" leftSection={<IconServer size={16} aria-hidden />} onClick={runServerPreview} loading={server.isPending} disabled={!!blocked}>
                  Run server Preview
                </Button>
                {unsaved && (
                  <Text size="xs" c="dimmed" maw={360}>
                    The server previews and tests the saved settings; save to include your edits.
                  </Text>
                )}
              </Group>
              {server.error && (
                <Alert color="red" role="alert" title="Server Preview refused">
                  {server.error instanceof ApiRequestError ? server.error.message : 'Could not reach the server.'}
                </Alert>
              )}
              {server.data && <ServerPreviewView answer={server.data} />}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
      <LiveTestPanel
        connectorId={connector.id}
        operation={operation}
        context={context}
        savedMethod={methodOf(connector.mappings, operation)}
        draftMethod={methodOf(mappings, operation)}
        oauth={connector.auth?.type === 'oauth2_client_credentials'}
        blocked={blocked}
      />
    </Stack>
  );
}

function LivePreviewView({ preview, operation }: { preview: LivePreview; operation: CapabilityKey }) {
  switch (preview.state) {
    case 'mappings-invalid-json':
      return <Alert color="red">The Mappings JSON has a syntax error; fix it to see a preview.</Alert>;
    case 'no-mapping':
      return <Alert color="gray">There is no mapping for {operation} yet.</Alert>;
    case 'context-error':
      return (
        <Alert color="red" title="Context not usable">
          {preview.problem.message}
        </Alert>
      );
    case 'mapping-problems':
      return (
        <Alert color="red" title={`The ${operation} mapping cannot be rendered`}>
          {preview.problems.map((p) => (
            <Text size="sm" key={p.path + p.message}>
              <Code>{p.path}</Code>: {p.message}
            </Text>
          ))}
        </Alert>
      );
    case 'ready':
      return (
        <Stack gap="sm">
          <RequestView request={preview.request} label="Preview request" />
          {preview.resolved !== undefined && (
            <Stack gap={4}>
              <Title order={6}>Resolved from the sample response</Title>
              <ResolvedView value={preview.resolved} label="Resolved from the sample response" />
            </Stack>
          )}
          {preview.responseError && (
            <Alert color="red" title="The sample response could not be read">
              <Code>{preview.responseError.path}</Code>: {preview.responseError.message}
            </Alert>
          )}
        </Stack>
      );
  }
}

function ServerPreviewView({ answer }: { answer: PreviewConnectorResponse }) {
  return (
    <Paper bg="gray.0" p="sm" radius="sm">
      <Stack gap="sm">
        <Title order={6}>Server Preview (saved settings)</Title>
        <RequestView request={answer.request} label="Server preview request" />
        {answer.resolved_response !== undefined && <ResolvedView value={answer.resolved_response} label="Resolved by the server" />}
        {answer.response_error && (
          <Alert color="red" title="The sample response could not be read">
            <Code>{answer.response_error.path}</Code>: {answer.response_error.message}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
