// The custom integration wizard keeps what was entered in the browser's localStorage, one draft
// per signed-in admin of a company, so a reload, a closed tab or a detour to another page does
// not lose it. The logo travels as a data URL (at most 1 MB, so it fits the storage quota).
import { z } from 'zod';
import type { WizardDraft, WizardStepIndex } from './wizard-steps';

const storedSchema = z.object({
  version: z.literal(1),
  savedAt: z.string(),
  name: z.string(),
  description: z.string(),
  monitoringIds: z.array(z.string()),
  logo: z.object({ name: z.string(), type: z.string(), dataUrl: z.string() }).nullable(),
  active: z.number().int().min(0).max(2),
  furthest: z.number().int().min(0).max(2),
});

export type StoredWizardDraft = z.infer<typeof storedSchema>;

export const wizardDraftKey = (companyId: string, userId: string) => `gatehouse.integration-wizard-draft.${companyId}.${userId}`;

/** Whether anything was entered: only then is there a draft to keep or to lose. */
export function hasInput(draft: Pick<WizardDraft, 'name' | 'description' | 'logo' | 'monitoringIds'>): boolean {
  return draft.name.trim() !== '' || draft.description.trim() !== '' || draft.logo !== null || draft.monitoringIds.length > 0;
}

export function readWizardDraft(key: string): StoredWizardDraft | null {
  try {
    const text = localStorage.getItem(key);
    if (!text) return null;
    const parsed = storedSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Stores the draft; when the logo does not fit the quota, the rest is stored without it. */
export function writeWizardDraft(key: string, draft: Omit<StoredWizardDraft, 'version' | 'savedAt'>): void {
  const stored: StoredWizardDraft = { version: 1, savedAt: new Date().toISOString(), ...draft };
  try {
    localStorage.setItem(key, JSON.stringify(stored));
  } catch {
    try {
      localStorage.setItem(key, JSON.stringify({ ...stored, logo: null }));
    } catch {
      // Storage is full or disabled: the wizard still works, only without a kept draft.
    }
  }
}

export function clearWizardDraft(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Storage disabled: nothing was kept.
  }
}

export function fileToDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The stored logo as a File again; null when the data URL is not base64 data. */
export function dataUrlToFile(logo: NonNullable<StoredWizardDraft['logo']>): File | null {
  const match = /^data:[^;,]*;base64,(.*)$/.exec(logo.dataUrl);
  if (!match) return null;
  try {
    const binary = atob(match[1]!);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new File([bytes], logo.name, { type: logo.type });
  } catch {
    return null;
  }
}

/** The step to reopen: the stored one, unless an earlier step is no longer complete. */
export function restoredStep(stored: number, complete: (step: WizardStepIndex) => boolean): WizardStepIndex {
  let step = 0;
  while (step < stored && complete(step as WizardStepIndex)) step++;
  return step as WizardStepIndex;
}
