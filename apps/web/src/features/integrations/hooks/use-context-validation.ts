import { VALIDATION_MAX_ERRORS, type IntegrationContext, type ValidationResultResponse } from '@gatehouse/contracts';
import { binaryContent, parseAndValidateRequestBody, type JsonSchema } from '@gatehouse/schemas';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useValidateContextFile } from '../api/validate-context-file';
import { notJsonProblem, planValidationFile } from '../utils/file-checks';

export type ValidationState =
  | { readonly status: 'idle' }
  | { readonly status: 'refused'; readonly problem: string }
  /** `progress` is 0–100 while a large file is read, null when not measured. */
  | { readonly status: 'running'; readonly fileName: string; readonly step: 'reading' | 'checking' | 'confirming'; readonly progress: number | null; readonly showProgress: boolean }
  | { readonly status: 'done'; readonly fileName: string; readonly result: ValidationResultResponse; readonly checkedBy: 'server' | 'browser'; readonly note: string | null };

function readText(file: File, onProgress: (percent: number) => void, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    signal.addEventListener('abort', () => reader.abort(), { once: true });
    reader.readAsText(file);
  });
}

/** The first `bytes` of a file, to tell text from an image or an archive before reading it all. */
function readHead(file: File, bytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsArrayBuffer(file.slice(0, bytes));
  });
}

// Parsing and validating block the main thread; give the browser a frame to paint
// "Validating…" first.
const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * Checks a JSON file against one context's schema: first in the browser with the shared
 * validator (instant, and works for files of any size), then, when the browser finds no
 * problem and the file is within the upload limit, on the server, whose answer is final.
 * `strict` is the integration's setting: properties the schema does not define are then
 * problems, as the push refuses them, rather than warnings.
 */
export function useContextValidation(context: Pick<IntegrationContext, 'schema' | 'validateUrl' | 'maxPushBytes'>, strict: boolean) {
  const [state, setState] = useState<ValidationState>({ status: 'idle' });
  const running = useRef<AbortController | null>(null);
  const { mutateAsync: validateOnServer } = useValidateContextFile();

  const reset = useCallback(() => {
    running.current?.abort();
    running.current = null;
    setState({ status: 'idle' });
  }, []);
  useEffect(() => () => running.current?.abort(), []);

  const validate = useCallback(
    async (file: File) => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      const { signal } = controller;
      const update = (next: ValidationState) => !signal.aborted && setState(next);

      const plan = planValidationFile(file, context.maxPushBytes);
      if (!plan.ok) return update({ status: 'refused', problem: plan.problem });
      const showStep = (step: 'reading' | 'checking' | 'confirming', progress: number | null) =>
        update({ status: 'running', fileName: file.name, step, progress, showProgress: plan.showProgress });

      try {
        // A file that is not text (an image, a spreadsheet) is said to be so, not a syntax error at line 1.
        const binary = binaryContent(await readHead(file, 4096));
        if (binary !== null) return update({ status: 'refused', problem: notJsonProblem(file.name, binary) });
        showStep('reading', plan.showProgress ? 0 : null);
        const text = await readText(file, (p) => plan.showProgress && showStep('reading', p), signal);
        showStep('checking', null);
        await nextPaint();
        if (signal.aborted) return;
        const local = parseAndValidateRequestBody(text, context.schema as JsonSchema, { maxErrors: VALIDATION_MAX_ERRORS, strict });
        const done = (result: ValidationResultResponse, checkedBy: 'server' | 'browser', note: string | null) =>
          update({ status: 'done', fileName: file.name, result, checkedBy, note });

        if (!local.valid) return done(local, 'browser', null);
        if (!plan.confirmWithServer) return done(local, 'browser', 'Checked in your browser only: files over 50 MB are not uploaded for validation.');
        showStep('confirming', null);
        try {
          const server = await validateOnServer({ validateUrl: context.validateUrl, file, signal });
          done(server, 'server', 'Checked in your browser and confirmed by the server.');
        } catch (err) {
          if (signal.aborted) return;
          const why = err instanceof ApiRequestError ? err.message : 'the server could not be reached';
          done(local, 'browser', `Checked in your browser; the server could not confirm it (${why}).`);
        }
      } catch (err) {
        if (signal.aborted) return;
        update({ status: 'refused', problem: err instanceof Error ? `The file could not be read: ${err.message}` : 'The file could not be read.' });
      }
    },
    [context.schema, context.validateUrl, context.maxPushBytes, strict, validateOnServer],
  );

  return { state, validate, reset };
}
