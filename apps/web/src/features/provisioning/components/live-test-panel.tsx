import type { CapabilityKey } from '@gatehouse/mapping';
import { Alert, Button, Checkbox, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconBolt, IconKey } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useTestConnector } from '../api/test-connector';
import { isMutatingMethod } from '../utils/live-preview';
import { TestResultView } from './test-result-view';

type Props = {
  connectorId: string;
  operation: CapabilityKey;
  context: string;
  /** The method the test will use (from the saved mapping), and the one the editor holds now. */
  savedMethod: string | undefined;
  draftMethod: string | undefined;
  oauth: boolean;
  /** Why nothing may run now (invalid context JSON), if anything. */
  blocked: string | null;
};

/** One real request downstream; anything but GET needs an explicit acknowledgment first. */
export function LiveTestPanel({ connectorId, operation, context, savedMethod, draftMethod, oauth, blocked }: Props) {
  const test = useTestConnector();
  const [acknowledged, setAcknowledged] = useState(false);
  const mutating = isMutatingMethod(savedMethod) || isMutatingMethod(draftMethod);
  const method = savedMethod ?? draftMethod;
  useEffect(() => {
    // An acknowledgment is for one operation, not for whatever is picked next.
    setAcknowledged(false);
    test.reset();
  }, [operation]);

  const run = (mode: 'request' | 'oauth_token') =>
    test.mutate(
      mode === 'oauth_token'
        ? { id: connectorId, mode }
        : { id: connectorId, mode, operation, context: context.trim() === '' ? undefined : context, acknowledgeSideEffects: mutating && acknowledged },
    );
  const failure = test.error instanceof ApiRequestError ? test.error : null;

  return (
    <Paper withBorder radius="md" p="md">
      <Stack>
        <div>
          <Title order={4}>Live test</Title>
          <Text size="sm" c="dimmed">
            Sends one real {method ? <Code>{method}</Code> : null} request for {operation} with the saved settings and secret, and shows the answer.
            It is recorded in Activity.
          </Text>
        </div>
        {mutating && (
          <Alert color="orange" variant="light" title="This can change real data">
            <Checkbox
              mt={4}
              label="I understand this sends a real request that can change data in the connected app"
              checked={acknowledged}
              onChange={(e) => setAcknowledged(e.currentTarget.checked)}
            />
          </Alert>
        )}
        <Group>
          <Button leftSection={<IconBolt size={16} aria-hidden />} onClick={() => run('request')} loading={test.isPending && test.variables?.mode !== 'oauth_token'} disabled={!!blocked || (mutating && !acknowledged)}>
            Run live test
          </Button>
          {oauth && (
            <Button variant="default" leftSection={<IconKey size={16} aria-hidden />} onClick={() => run('oauth_token')} loading={test.isPending && test.variables?.mode === 'oauth_token'} disabled={!!blocked}>
              OAuth token only
            </Button>
          )}
          {blocked && (
            <Text size="sm" c="red.7">
              {blocked}
            </Text>
          )}
        </Group>
        {failure && (
          <Alert color="red" role="alert" title="The test did not run">
            <Text size="sm">{failure.message}</Text>
          </Alert>
        )}
        {test.error && !failure && (
          <Alert color="red" role="alert">
            Could not reach the server. Check your connection and try again.
          </Alert>
        )}
        {test.data && <TestResultView result={test.data} />}
      </Stack>
    </Paper>
  );
}
