import { Alert, Anchor, Code, Group, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import type { Problem } from '../utils/problem-location';

type Props = {
  problems: Problem[];
  /** `server`: the last save was refused with these; `live`: what the engine finds in the draft now. */
  source: 'server' | 'live';
  /** Live problems only block saving while the instance is enabled. */
  enabled: boolean;
  /** Jumps to the place of a problem. */
  onSelect?: (problem: Problem) => void;
  /** What the list covers, for its heading: "mappings", "capabilities". */
  subject: string;
  /** The engine cannot check anything while a JSON editor holds a syntax error. */
  paused?: boolean;
};

const plural = (n: number) => `${n} problem${n === 1 ? '' : 's'}`;

/** Every problem as `path: message`, each a link to its place. */
export function ProblemList({ problems, source, enabled, onSelect, subject, paused = false }: Props) {
  if (source === 'live' && paused) {
    return (
      <Text size="sm" c="dimmed" role="status">
        Validation resumes once the JSON syntax is fixed.
      </Text>
    );
  }
  if (problems.length === 0) {
    if (source === 'server') return null;
    return (
      <Group gap={6} c="teal.7" role="status">
        <IconCircleCheck size={16} aria-hidden />
        <Text size="sm">No problems found in the {subject}.</Text>
      </Group>
    );
  }
  const title =
    source === 'server'
      ? `Not saved: the server found ${plural(problems.length)}`
      : enabled
        ? `${plural(problems.length)}: saving is refused until they are fixed`
        : `${plural(problems.length)}: fix them before enabling the instance`;
  return (
    <section aria-label={`Problems in the ${subject}`}>
    <Alert
      color={source === 'server' || enabled ? 'red' : 'yellow'}
      variant="light"
      title={title}
      icon={source === 'server' ? <IconCircleX size={18} aria-hidden /> : <IconAlertTriangle size={18} aria-hidden />}
      role={source === 'server' ? 'alert' : 'status'}
    >
      <List size="sm" spacing={4} listStyleType="none" withPadding={false}>
        {problems.map((p, i) => (
          <List.Item key={`${p.path}-${i}`}>
            {onSelect ? (
              <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onSelect(p)} c="inherit" underline="always" aria-label={`${p.path}: ${p.message}`}>
                <Code>{p.path}</Code>: {p.message}
              </Anchor>
            ) : (
              <Text size="sm">
                <Code>{p.path}</Code>: {p.message}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
    </Alert>
    </section>
  );
}

export const problemCountLabel = plural;
