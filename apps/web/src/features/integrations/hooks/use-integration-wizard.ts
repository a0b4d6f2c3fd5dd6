import type { IntegrationDetail } from '@gatehouse/contracts';
import { useEffect, useRef, useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useCreateIntegration } from '../api/create-integration';
import { useUploadIntegrationLogo } from '../api/upload-integration-logo';
import { clearWizardDraft, dataUrlToFile, fileToDataUrl, hasInput, readWizardDraft, restoredStep, writeWizardDraft } from '../utils/wizard-draft-storage';
import { canProceed, detailsErrors, EMPTY_DRAFT, isStepReachable, stepAfter, type WizardDraft, type WizardStepIndex } from '../utils/wizard-steps';

export type IntegrationDraft = Omit<WizardDraft, 'logo'> & { readonly logo: File | null };

export interface FinishOutcome {
  readonly integration: IntegrationDetail;
  /** Set when the integration was created but its logo was refused or could not be sent. */
  readonly logoError: string | null;
}

interface Restored {
  readonly draft: IntegrationDraft;
  readonly active: WizardStepIndex;
  readonly furthest: WizardStepIndex;
  readonly savedAt: string;
}

function restore(storageKey: string | undefined): Restored | null {
  const stored = storageKey ? readWizardDraft(storageKey) : null;
  if (!stored) return null;
  const draft: IntegrationDraft = {
    name: stored.name,
    description: stored.description,
    monitoringIds: stored.monitoringIds,
    logo: stored.logo ? dataUrlToFile(stored.logo) : null,
  };
  if (!hasInput(draft)) return null;
  const active = restoredStep(stored.active, (step) => canProceed(step, draft));
  const furthest = restoredStep(Math.max(stored.furthest, active), (step) => canProceed(step, draft));
  return { draft, active, furthest, savedAt: stored.savedAt };
}

/**
 * State of the custom integration wizard. The draft outlives step changes, so going back to
 * an earlier step keeps everything entered; the step rules live in utils/wizard-steps.
 * With a `storageKey` (one per signed-in admin and company), the draft is also kept in the
 * browser until Finish or "Discard draft", and reopening the wizard restores it.
 */
export function useIntegrationWizard(storageKey?: string) {
  const [restored, setRestored] = useState<Restored | null>(() => restore(storageKey));
  const [draft, setDraft] = useState<IntegrationDraft>(() => restored?.draft ?? { ...EMPTY_DRAFT, logo: null });
  const [active, setActive] = useState<WizardStepIndex>(() => restored?.active ?? 0);
  const [furthest, setFurthest] = useState<WizardStepIndex>(() => restored?.furthest ?? 0);
  // Set once the integration is created: nothing may store the draft again after that.
  const done = useRef(false);
  // Step 1's errors appear only after the user tried to leave it, not while they start typing.
  const [triedToLeaveDetails, setTriedToLeaveDetails] = useState(false);
  const create = useCreateIntegration();
  const uploadLogo = useUploadIntegrationLogo();

  const update = (patch: Partial<IntegrationDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const dirty = hasInput(draft);

  useEffect(() => {
    if (!storageKey || done.current) return;
    if (!dirty) return clearWizardDraft(storageKey);
    const { name, description, monitoringIds, logo } = draft;
    const store = (storedLogo: { name: string; type: string; dataUrl: string } | null) => {
      if (!done.current) writeWizardDraft(storageKey, { name, description, monitoringIds: [...monitoringIds], logo: storedLogo, active, furthest });
    };
    if (!logo) return store(null);
    let current = true;
    fileToDataUrl(logo).then(
      (dataUrl) => current && store({ name: logo.name, type: logo.type, dataUrl }),
      () => current && store(null),
    );
    return () => {
      current = false;
    };
  }, [storageKey, draft, dirty, active, furthest]);

  /** Starts over: the kept draft is removed and the wizard is empty again. */
  const discardDraft = () => {
    if (storageKey) clearWizardDraft(storageKey);
    setRestored(null);
    setDraft({ ...EMPTY_DRAFT, logo: null });
    setActive(0);
    setFurthest(0);
    setTriedToLeaveDetails(false);
  };

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
    done.current = true;
    if (storageKey) clearWizardDraft(storageKey);
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
    /** Whether anything was entered that leaving would lose. */
    dirty,
    /** When the wizard opened with a kept draft: when that draft was last changed. */
    restoredAt: restored?.savedAt ?? null,
    discardDraft,
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
