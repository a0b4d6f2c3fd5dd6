import { INTEGRATION_LOGO_MAX_BYTES, INTEGRATION_LOGO_MEDIA_TYPES, pushTooLargeProblem, VALIDATION_UPLOAD_MAX_BYTES } from '@gatehouse/contracts';

/** The parts of a File these checks read, so they run on plain objects in tests. */
export type FileLike = { readonly name: string; readonly type: string; readonly size: number };

/** Sizes in the units of the limits; one formatter for the api and the web. */
export { formatSize as formatBytes } from '@gatehouse/contracts';
import { formatSize as formatBytes } from '@gatehouse/contracts';

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

/** A file named .json that holds something else (`what`: "a PNG image", "binary data"). */
export const notJsonProblem = (fileName: string, what: string): string =>
  `"${fileName}" is not a JSON file: it holds ${what}. Upload the JSON text of a request body, shaped like {"data": [ ... ]}.`;

/** What to do with a file chosen for validation: refuse it, or check it here and maybe upload it. */
export function planValidationFile(file: FileLike, maxPushBytes: number): ValidationFilePlan {
  const looksJson = /\.json$/i.test(file.name) || file.type === 'application/json';
  if (!looksJson) return { ok: false, problem: `"${file.name}" is not a .json file. Upload a JSON file shaped like the request body: {"data": [ ... ]}.` };
  if (file.size === 0) return { ok: false, problem: `"${file.name}" is empty.` };
  // Whatever its records hold, a file the push refuses is not "valid".
  const tooLarge = pushTooLargeProblem(file.size, maxPushBytes);
  if (tooLarge !== null) return { ok: false, problem: `"${file.name}" cannot be pushed. ${tooLarge}` };
  return {
    ok: true,
    confirmWithServer: file.size <= VALIDATION_UPLOAD_MAX_BYTES,
    showProgress: file.size > LARGE_VALIDATION_FILE_BYTES,
  };
}

/** The name pasted JSON goes by in Validate's messages ("pasted.json is valid"). */
export const PASTED_JSON_NAME = 'pasted.json';

/** Pasted JSON as a file, so it is checked exactly as an uploaded file is, by the same code. */
export const pastedJsonFile = (text: string): File => new File([text], PASTED_JSON_NAME, { type: 'application/json' });
