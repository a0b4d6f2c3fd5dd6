import type { IntegrationDetail } from '@gatehouse/contracts';
import { useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useCreateIntegration } from '../api/create-integration';
import { useUploadIntegrationLogo } from '../api/upload-integration-logo';
import { canProceed, detailsErrors, EMPTY_DRAFT, isStepReachable, stepAfter, type WizardDraft, type WizardStepIndex } from '../utils/wizard-steps';

export type IntegrationDraft = Omit<WizardDraft, 'logo'> & { readonly logo: File | null };

export interface FinishOutcome {
  readonly integration: IntegrationDetail;
  /** Set when the integration was created but its logo was refused or could not be sent. */
  readonly logoError: string | null;
}

/**
 * State of the custom integration wizard. The draft outlives step changes, so going back to
 * an earlier step keeps everything entered; the step rules live in utils/wizard-steps.
 */
export function useIntegrationWizard() {
  const [draft, setDraft] = useState<IntegrationDraft>({ ...EMPTY_DRAFT, logo: null });
  const [active, setActive] = useState<WizardStepIndex>(0);
  const [furthest, setFurthest] = useState<WizardStepIndex>(0);
  // Step 1's errors appear only after the user tried to leave it, not while they start typing.
  const [triedToLeaveDetails, setTriedToLeaveDetails] = useState(false);
  const create = useCreateIntegration();
  const uploadLogo = useUploadIntegrationLogo();

  const update = (patch: Partial<IntegrationDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const next = () => {
    if (!canProceed(active, draft)) {
      if (active === 0) setTriedToLeaveDetails(true);
      return;
    }
    const step = stepAfter(active);
    if (step === null) return;
    setActive(step);
    setFurthest((f) => (step > f ? step : f));
  };

  const back = () => active > 0 && setActive((active - 1) as WizardStepIndex);

  const isReachable = (step: WizardStepIndex) => isStepReachable(step, active, furthest, draft);

  const goTo = (step: WizardStepIndex) => {
    if (isReachable(step)) setActive(step);
    else if (step > active && active === 0) setTriedToLeaveDetails(true);
  };

  /** Creates the integration, then uploads the logo if one was chosen. */
  const finish = async (): Promise<FinishOutcome> => {
    const integration = await create.mutateAsync({
      name: draft.name.trim(),
      description: draft.description.trim() || null,
      monitoringIds: [...draft.monitoringIds],
    });
    if (!draft.logo) return { integration, logoError: null };
    try {
      await uploadLogo.mutateAsync({ id: integration.id, file: draft.logo });
      return { integration, logoError: null };
    } catch (err) {
      return { integration, logoError: err instanceof ApiRequestError ? err.message : 'the server could not be reached' };
    }
  };

  return {
    draft,
    update,
    active,
    next,
    back,
    goTo,
    isReachable,
    canProceed: canProceed(active, draft),
    errors: triedToLeaveDetails ? detailsErrors(draft) : {},
    finish,
    finishing: create.isPending || uploadLogo.isPending,
    finishError: create.error,
  };
}

export type IntegrationWizard = ReturnType<typeof useIntegrationWizard>;
