import { Alert, Button, Group, Paper, Stack, Stepper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconArrowRight, IconCheck } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { ApiRequestError } from '../../../lib/api-client';
import { useLeaveGuard } from '../../../lib/leave-guard';
import { useIntegrationWizard } from '../hooks/use-integration-wizard';
import { LAST_STEP, WIZARD_STEPS, type WizardStepIndex } from '../utils/wizard-steps';
import { BasicDetailsStep } from './basic-details-step';
import type { RenderMonitoringPicker } from './monitoring-slots';
import { ReviewStep } from './review-step';

const DESCRIPTIONS = ['Name, description and logo', 'What you will submit', 'Schemas and endpoints'] as const;

const savedAtLabel = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The three-step "+ Custom Integration" wizard; Finish opens the new integration's page.
 * `storageKey` keeps the draft in the browser (see useIntegrationWizard).
 */
export function IntegrationWizard({ renderPicker, storageKey }: { renderPicker: RenderMonitoringPicker; storageKey?: string }) {
  const wizard = useIntegrationWizard(storageKey);
  const navigate = useNavigate();
  const { active, draft } = wizard;
  const what = draft.name.trim() ? `The integration “${draft.name.trim()}”` : 'The new integration';
  const guard = useLeaveGuard({
    when: wizard.dirty,
    message: storageKey
      ? `${what} has not been created yet. Its draft stays in this browser, and + Custom Integration offers it again.`
      : `${what} has not been created yet; what you entered will be lost.`,
  });

  const finish = () =>
    wizard.finish().then(
      ({ integration, logoError }) => {
        if (logoError) notifications.show({ color: 'yellow', title: 'Integration created without its logo', message: logoError });
        else notifications.show({ color: 'green', message: `${integration.name} created` });
        guard.allowNextNavigation();
        navigate(`/integrations/${integration.id}`);
      },
      // The error is shown from wizard.finishError.
      () => undefined,
    );

  const finishError = wizard.finishError
    ? wizard.finishError instanceof ApiRequestError
      ? wizard.finishError.message
      : 'Could not reach the server. Check your connection and try again.'
    : null;

  return (
    <Paper withBorder radius="md" p="xl">
      <Stack gap="xl">
        {guard.dialog}
        {wizard.restoredAt && (
          <Alert color="blue" title="Draft restored" role="status">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">What you entered on {savedAtLabel(wizard.restoredAt)} is back; it is kept in this browser until you finish or discard it.</Text>
              <Button size="xs" variant="light" color="red" onClick={wizard.discardDraft}>
                Discard draft
              </Button>
            </Stack>
          </Alert>
        )}
        <Stepper active={active} onStepClick={(step) => wizard.goTo(step as WizardStepIndex)} size="sm">
          {WIZARD_STEPS.map((step, index) => (
            <Stepper.Step
              key={step.key}
              label={step.label}
              description={DESCRIPTIONS[index]}
              allowStepSelect={wizard.isReachable(index as WizardStepIndex)}
              aria-current={active === index ? 'step' : undefined}
            >
              {index === 0 && <BasicDetailsStep wizard={wizard} />}
              {index === 1 && (
                <Stack>
                  <Text size="sm" c="dimmed">
                    Choose the monitorings you will submit data for. Use the categories on the left or search; select at least one.
                  </Text>
                  {renderPicker({ value: [...draft.monitoringIds], onChange: (monitoringIds) => wizard.update({ monitoringIds }) })}
                </Stack>
              )}
              {index === 2 && <ReviewStep draft={draft} />}
            </Stepper.Step>
          ))}
        </Stepper>

        {finishError && (
          <Alert color="red" role="alert" title="The integration was not created">
            {finishError}
          </Alert>
        )}

        <Group justify="space-between">
          <Button variant="default" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={active === 0 ? () => navigate('/integrations') : wizard.back}>
            {active === 0 ? 'Cancel' : 'Back'}
          </Button>
          {active < LAST_STEP ? (
            <Button rightSection={<IconArrowRight size={16} aria-hidden />} onClick={wizard.next} disabled={active === 1 && !wizard.canProceed}>
              Next
            </Button>
          ) : (
            <Button leftSection={<IconCheck size={16} aria-hidden />} onClick={finish} loading={wizard.finishing} disabled={!wizard.canProceed}>
              Finish
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
