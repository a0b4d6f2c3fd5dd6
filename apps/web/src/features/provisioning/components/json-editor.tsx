import { Box, Input } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { JsonEditorProps } from './json-editor-codemirror';

// CodeMirror is the larger part of a connector page's code: it comes in its own chunk, fetched
// when the first editor is shown, so pages without an editor never download it.
const CodeMirrorJsonEditor = lazy(() => import('./json-editor-codemirror').then((m) => ({ default: m.CodeMirrorJsonEditor })));

/** The JSON editor (json-editor-codemirror.tsx); an empty frame of its size holds the place while it loads. */
export function JsonEditor(props: JsonEditorProps) {
  return (
    <Suspense fallback={<EditorPlaceholder {...props} />}>
      <CodeMirrorJsonEditor {...props} />
    </Suspense>
  );
}

function EditorPlaceholder({ label, description, minHeight = '220px' }: JsonEditorProps) {
  return (
    <Input.Wrapper label={label} description={description} labelElement="div">
      <Box mt={4} mih={minHeight} aria-busy style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-sm)' }} />
    </Input.Wrapper>
  );
}
