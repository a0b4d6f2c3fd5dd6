import { createIntegrationRequestSchema, INTEGRATION_DESCRIPTION_MAX_LENGTH } from '@gatehouse/contracts';
import { labelMessage } from '../../../lib/form-errors';
import { logoFileProblem } from './file-checks';

// The three steps of the custom integration wizard, in order. Indexes are what Mantine's
// Stepper works with, so the rules below speak in indexes too.
export const WIZARD_STEPS = [
  { key: 'details', label: 'Basic Details' },
  { key: 'monitorings', label: 'Select Monitorings' },
  { key: 'review', label: 'Review' },
] as const;

export type WizardStepIndex = 0 | 1 | 2;
export const LAST_STEP: WizardStepIndex = 2;

export interface WizardDraft {
  readonly name: string;
  readonly description: string;
  readonly logo: { readonly name: string; readonly type: string; readonly size: number } | null;
  readonly monitoringIds: readonly string[];
}

export const EMPTY_DRAFT: WizardDraft = { name: '', description: '', logo: null, monitoringIds: [] };

export type DetailsErrors = Partial<Record<'name' | 'description' | 'logo', string>>;

const nameSchema = createIntegrationRequestSchema.shape.name;

/** Problems with step 1's fields; empty when Next may go on. */
/** Step 1's labels, which its messages use. */
const DETAILS_LABELS = { name: 'Integration Name', description: 'Integration Description' };

export function detailsErrors(draft: WizardDraft): DetailsErrors {
  const errors: DetailsErrors = {};
  if (draft.name.trim() === '') errors.name = 'Integration Name is required';
  else {
    const parsed = nameSchema.safeParse(draft.name);
    if (!parsed.success) errors.name = labelMessage('name', parsed.error.issues[0]!.message, DETAILS_LABELS);
  }
  if (draft.description.trim().length > INTEGRATION_DESCRIPTION_MAX_LENGTH) {
    errors.description = `Integration Description must be at most ${INTEGRATION_DESCRIPTION_MAX_LENGTH} characters`;
  }
  const logoProblem = draft.logo ? logoFileProblem(draft.logo) : null;
  if (logoProblem) errors.logo = logoProblem;
  return errors;
}

/** Whether the step's own input is complete, so the user may move past it. */
export function canProceed(step: WizardStepIndex, draft: WizardDraft): boolean {
  switch (step) {
    case 0:
      return Object.keys(detailsErrors(draft)).length === 0;
    case 1:
      return draft.monitoringIds.length > 0;
    case 2:
      return canProceed(0, draft) && canProceed(1, draft);
  }
}

/** The step Next leads to, or null on the last step (where Finish creates the integration). */
export function stepAfter(step: WizardStepIndex): WizardStepIndex | null {
  return step < LAST_STEP ? ((step + 1) as WizardStepIndex) : null;
}

/**
 * Whether clicking a step on the stepper may open it: a step already visited (up to
 * `furthest`) whose earlier steps are all still complete. Going back is always possible;
 * going forward again only while the edits made on the way back keep the earlier steps valid.
 */
export function isStepReachable(target: WizardStepIndex, active: WizardStepIndex, furthest: WizardStepIndex, draft: WizardDraft): boolean {
  if (target === active || target > furthest) return false;
  for (let step = 0; step < target; step++) {
    if (!canProceed(step as WizardStepIndex, draft)) return false;
  }
  return true;
}

/** Every step the stepper lets the user click right now. */
export function reachableSteps(active: WizardStepIndex, furthest: WizardStepIndex, draft: WizardDraft): WizardStepIndex[] {
  return ([0, 1, 2] as const).filter((step) => isStepReachable(step, active, furthest, draft));
}
