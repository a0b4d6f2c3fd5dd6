import { INTEGRATION_LOGO_MAX_BYTES, INTEGRATION_LOGO_MEDIA_TYPES, VALIDATION_UPLOAD_MAX_BYTES } from '@gatehouse/contracts';

/** The parts of a File these checks read, so they run on plain objects in tests. */
export type FileLike = { readonly name: string; readonly type: string; readonly size: number };

/** `912 B`, `14.2 KB`, `1.4 MB`: sizes as people read them (1 KB = 1024 bytes, like the limits). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

const LOGO_TYPES: readonly string[] = INTEGRATION_LOGO_MEDIA_TYPES;

/** Why a file cannot be a logo, or null when it can. The server checks the content again. */
export function logoFileProblem(file: FileLike): string | null {
  if (!LOGO_TYPES.includes(file.type)) return 'The logo must be a PNG, JPEG or WebP image.';
  if (file.size === 0) return 'The logo file is empty.';
  if (file.size > INTEGRATION_LOGO_MAX_BYTES) {
    return `The logo must be at most ${formatBytes(INTEGRATION_LOGO_MAX_BYTES)} (this file is ${formatBytes(file.size)}).`;
  }
  return null;
}

/** Files above this size show a progress bar while they are read and checked. */
export const LARGE_VALIDATION_FILE_BYTES = 1024 * 1024;

export type ValidationFilePlan =
  | { readonly ok: false; readonly problem: string }
  | {
      readonly ok: true;
      /** Whether the server confirms the browser's result (it accepts uploads up to 50 MB). */
      readonly confirmWithServer: boolean;
      /** Whether reading and checking take long enough to show progress. */
      readonly showProgress: boolean;
    };

/** What to do with a file chosen for validation: refuse it, or check it here and maybe upload it. */
export function planValidationFile(file: FileLike): ValidationFilePlan {
  const looksJson = /\.json$/i.test(file.name) || file.type === 'application/json';
  if (!looksJson) return { ok: false, problem: `"${file.name}" is not a .json file. Upload a JSON file shaped like the request body: {"data": [ ... ]}.` };
  if (file.size === 0) return { ok: false, problem: `"${file.name}" is empty.` };
  return {
    ok: true,
    confirmWithServer: file.size <= VALIDATION_UPLOAD_MAX_BYTES,
    showProgress: file.size > LARGE_VALIDATION_FILE_BYTES,
  };
}
