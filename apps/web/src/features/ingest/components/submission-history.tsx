import type { SubmissionResponse } from '@gatehouse/contracts';
import { ActionIcon, Alert, Badge, Center, Loader, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useSubmissions } from '../api/get-submissions';
import { useNow } from '../hooks/use-now';
import { countOf, formatBytes, formatCount, formatExactTime } from '../utils/format';
import { errorRecord } from '../utils/sync-summary';
import { RelativeTime } from './relative-time';

const COLUMNS = 7;

function SubmissionErrors({ submission }: { submission: SubmissionResponse }) {
  const shown = submission.firstErrors.length;
  return (
    <Stack gap={6} py="xs" pl={44} pr="sm">
      {shown === 0 ? (
        <Text size="sm" c="dimmed">
          No details were kept for this refusal.
        </Text>
      ) : (
        <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm" bg="var(--mantine-color-body)" aria-label={`Errors of the push received ${formatExactTime(submission.receivedAt)}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={130}>Record</Table.Th>
              <Table.Th w={200}>Field</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {submission.firstErrors.map((e, i) => (
              <Table.Tr key={`${i}:${e.index}:${e.path}`}>
                <Table.Td ff="monospace">{errorRecord(e)}</Table.Td>
                <Table.Td ff="monospace">{e.line !== undefined ? `line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}` : e.path || '—'}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {submission.errorCount > shown && shown > 0 && (
        <Text size="xs" c="dimmed">
          Showing the first {formatCount(shown)} of {countOf(submission.errorCount, 'error')}.
        </Text>
      )}
    </Stack>
  );
}

function SubmissionRow({ submission, now, expanded, onToggle }: { submission: SubmissionResponse; now: Date; expanded: boolean; onToggle: () => void }) {
  const refused = submission.status === 'refused';
  const errorsId = `submission-${submission.id}-errors`;
  return (
    <Fragment>
      <Table.Tr data-status={submission.status}>
        <Table.Td>
          {refused && (
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={onToggle}
              aria-expanded={expanded}
              aria-controls={expanded ? errorsId : undefined}
              aria-label={`${expanded ? 'Hide' : 'Show'} errors of the push received ${formatExactTime(submission.receivedAt)}`}
            >
              {expanded ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
            </ActionIcon>
          )}
        </Table.Td>
        <Table.Td>
          <RelativeTime value={submission.receivedAt} now={now} />
        </Table.Td>
        <Table.Td>
          <Badge variant="light" color={refused ? 'red' : 'teal'}>
            {refused ? 'Refused' : 'Accepted'}
          </Badge>
        </Table.Td>
        <Table.Td ta="right">{formatCount(submission.recordCount)}</Table.Td>
        <Table.Td>{submission.apiKeyName}</Table.Td>
        <Table.Td ta="right">{formatBytes(submission.bodyBytes)}</Table.Td>
        <Table.Td ta="right">
          {refused ? (
            <Text size="sm" c="red" fw={600} span>
              {formatCount(submission.errorCount)}
            </Text>
          ) : (
            <Text size="sm" c="dimmed" span>
              —
            </Text>
          )}
        </Table.Td>
      </Table.Tr>
      {expanded && (
        <Table.Tr id={errorsId}>
          <Table.Td colSpan={COLUMNS} p={0}>
            <SubmissionErrors submission={submission} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

/** Every push to one context, newest first; a refused one opens to its first errors. */
export function SubmissionHistory({ integrationId, contextKey }: { integrationId: string; contextKey: string }) {
  const now = useNow();
  const { data, isPending, error } = useSubmissions(integrationId, contextKey);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  if (isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label="Loading submission history" />
      </Center>
    );
  }
  if (error) {
    return (
      <Alert color="red" role="alert" title="Could not load the submission history">
        {error.message}
      </Alert>
    );
  }
  if (data.length === 0) {
    return (
      <Paper withBorder radius="md" p="lg">
        <Text size="sm" c="dimmed" ta="center">
          No pushes to {contextKey} yet. Each push, accepted or refused, is listed here.
        </Text>
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={760} type="native">
        <Table verticalSpacing="xs" horizontalSpacing="sm" aria-label={`Submission history of ${contextKey}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={44}>
                <VisuallyHidden>Details</VisuallyHidden>
              </Table.Th>
              <Table.Th>Time</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Records</Table.Th>
              <Table.Th>API key</Table.Th>
              <Table.Th ta="right">Size</Table.Th>
              <Table.Th ta="right">Errors</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((s) => (
              <SubmissionRow key={s.id} submission={s} now={now} expanded={expanded.has(s.id)} onToggle={() => toggle(s.id)} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
