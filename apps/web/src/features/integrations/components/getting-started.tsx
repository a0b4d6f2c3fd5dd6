import { Button, Card, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useApiKeys } from '../../api-keys/api/get-api-keys';

interface Step {
  title: string;
  detail: ReactNode;
  done: boolean;
  action: ReactNode;
}

/** Where a step is done once an integration exists: shown, not yet usable. */
function AfterStepTwo({ label }: { label: string }) {
  return (
    <Button size="xs" variant="default" disabled>
      {label} (after step 2)
    </Button>
  );
}

/**
 * The Integrations page before the first integration: the four steps from nothing to data on
 * screen, each with where it is done, ticked once done (an API key that still works counts).
 */
export function GettingStarted() {
  const { data: keys } = useApiKeys();
  const hasKey = keys?.some((k) => k.status === 'active') ?? false;
  const steps: Step[] = [
    {
      title: 'Create an API key',
      detail: 'Your system sends it in the x-api-key header of every request.',
      done: hasKey,
      action: (
        <Button component={Link} to="/settings/company/api-keys" size="xs" variant={hasKey ? 'default' : 'filled'}>
          {hasKey ? 'Manage API keys' : 'Create an API key'}
        </Button>
      ),
    },
    {
      title: 'Create an integration',
      detail: 'Name the system and choose the monitorings it feeds; you get one endpoint and schema per context.',
      done: false,
      action: (
        <Button component={Link} to="/integrations/new" size="xs" variant={hasKey ? 'filled' : 'default'}>
          Create an integration
        </Button>
      ),
    },
    {
      title: 'Push data',
      detail: "POST records to a context's endpoint. The integration's Overview has a curl example, a sample file and Validate.",
      done: false,
      action: <AfterStepTwo label="Open the curl example" />,
    },
    {
      title: 'See data',
      detail: "The integration's Data tab lists the records of the latest accepted push and every submission.",
      done: false,
      action: <AfterStepTwo label="Open the Data tab" />,
    },
  ];
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="getting-started-title">
      <Stack gap="md">
        <div>
          <Title order={3} size="h4" id="getting-started-title">
            No integrations yet: get started
          </Title>
          <Text size="sm" c="dimmed">
            Send records from an in-house system, such as an HR system or an access registry, in four steps.
          </Text>
        </div>
        <List type="ordered" spacing="md" listStyleType="none" aria-label="Getting started" styles={{ itemWrapper: { width: '100%' }, itemLabel: { width: '100%' } }}>
          {steps.map((step, i) => (
            <List.Item
              key={step.title}
              aria-label={`Step ${i + 1}: ${step.title}${step.done ? ' (done)' : ''}`}
              icon={
                <ThemeIcon radius="xl" size={28} color={step.done ? 'teal' : 'gray'} variant={step.done ? 'filled' : 'light'}>
                  {step.done ? <IconCircleCheck size={18} aria-hidden /> : <Text size="sm" fw={700} aria-hidden>{i + 1}</Text>}
                </ThemeIcon>
              }
            >
              <Group justify="space-between" wrap="nowrap" gap="md">
                <div>
                  <Text fw={600} size="sm">
                    {step.title}
                    {step.done && (
                      <Text span c="teal" size="sm" fw={600} ml="xs">
                        Done
                      </Text>
                    )}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {step.detail}
                  </Text>
                </div>
                <div style={{ flexShrink: 0 }}>{step.action}</div>
              </Group>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}
