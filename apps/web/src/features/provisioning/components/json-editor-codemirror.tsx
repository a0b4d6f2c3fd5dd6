import { json, jsonLanguage } from '@codemirror/lang-json';
import { Box, Group, Input, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import CodeMirror, { Decoration, EditorView, ViewPlugin, type DecorationSet, type EditorState, type Extension, type ViewUpdate } from '@uiw/react-codemirror';
import { useId, useMemo, type ReactNode } from 'react';
import { cspNonce } from '../../../lib/csp-nonce';
import { completionsAt, jsonCursorAt, type JsonEditorKind } from '../utils/json-completion';
import { describeSyntaxError, findJsonSyntaxError, type JsonSyntaxError } from '../utils/json-text';

export type JsonEditorProps = {
  /** Accessible name of the editing area, also shown as its label. */
  label: string;
  description?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** Which keys and values to suggest. */
  kind: JsonEditorKind;
  /** The syntax error to show under the editor (the editor marks its place by itself). */
  error: JsonSyntaxError | null;
  /** Empty text is fine (the context editor: empty means the built-in samples). */
  allowEmpty?: boolean;
  placeholder?: string;
  minHeight?: string;
  maxHeight?: string;
};

/** Marks the place of the first syntax error: a wavy underline and a tinted line. */
function syntaxErrorMarks(allowEmpty: boolean): Extension {
  const build = (state: EditorState): DecorationSet => {
    const text = state.doc.toString();
    if (allowEmpty && text.trim() === '') return Decoration.none;
    const problem = findJsonSyntaxError(text);
    if (!problem) return Decoration.none;
    const line = state.doc.lineAt(problem.offset);
    const marks = [Decoration.line({ class: 'cm-json-error-line' }).range(line.from)];
    const end = Math.min(problem.offset + 1, line.to);
    if (end > problem.offset) marks.push(Decoration.mark({ class: 'cm-json-error' }).range(problem.offset, end));
    return Decoration.set(marks, true);
  };
  return [
    ViewPlugin.fromClass(
      class {
        decorations: DecorationSet;
        constructor(view: EditorView) {
          this.decorations = build(view.state);
        }
        update(update: ViewUpdate) {
          if (update.docChanged) this.decorations = build(update.state);
        }
      },
      { decorations: (plugin) => plugin.decorations },
    ),
    EditorView.baseTheme({
      '.cm-json-error': { textDecoration: 'underline wavy var(--mantine-color-red-7)', textUnderlineOffset: '3px' },
      '.cm-json-error-line': { backgroundColor: 'var(--mantine-color-red-0)' },
    }),
  ];
}

type CompletionRequest = { state: EditorState; pos: number; explicit: boolean };

/** Suggestions from the editor kind's lists; picked up by the autocompletion of the basic setup. */
function completions(kind: JsonEditorKind): Extension {
  const source = (ctx: CompletionRequest) => {
    const cursor = jsonCursorAt(ctx.state.doc.toString(), ctx.pos);
    const answer = completionsAt(kind, cursor);
    if (!answer || answer.options.length === 0) return null;
    // A bare position with nothing typed yet (after a comma or a space) would pop up on every keystroke.
    if (!ctx.explicit && cursor && !cursor.inString && answer.from === ctx.pos) return null;
    return {
      from: answer.from,
      options: answer.options.map((o) => ({
        label: o.label,
        displayLabel: o.displayLabel,
        detail: o.detail,
        type: o.type,
        apply: (view: EditorView, _c: unknown, from: number, to: number) => {
          // Auto-closed brackets already typed the closing brace of a placeholder.
          const end = o.apply.endsWith('}') && view.state.sliceDoc(to, to + 1) === '}' ? to + 1 : to;
          view.dispatch({ changes: { from, to: end, insert: o.apply }, selection: { anchor: from + o.apply.length } });
        },
      })),
    };
  };
  return jsonLanguage.data.of({ autocomplete: source });
}

/** A CodeMirror JSON editor with syntax error marking and completion of the documented names. */
export function CodeMirrorJsonEditor({ label, description, value, onChange, kind, error, allowEmpty = false, placeholder, minHeight = '220px', maxHeight = '520px' }: JsonEditorProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const descriptionId = `${id}-description`;
  const extensions = useMemo(
    () => [
      json(),
      completions(kind),
      syntaxErrorMarks(allowEmpty),
      EditorView.lineWrapping,
      // Where the editor falls back to a <style> element, it carries the page's CSP nonce.
      EditorView.cspNonce.of(cspNonce() ?? ''),
      EditorView.contentAttributes.of({
        'aria-label': label,
        'aria-describedby': [description ? descriptionId : '', errorId].filter(Boolean).join(' '),
      }),
    ],
    [kind, allowEmpty, label, description, descriptionId, errorId],
  );
  return (
    <Input.Wrapper label={label} description={description} descriptionProps={{ id: descriptionId }} labelElement="div">
      <Box
        mt={4}
        style={{
          border: `1px solid ${error ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-gray-4)'}`,
          borderRadius: 'var(--mantine-radius-sm)',
          overflow: 'hidden',
          fontSize: 13,
        }}
      >
        <CodeMirror
          value={value}
          onChange={onChange}
          extensions={extensions}
          placeholder={placeholder}
          minHeight={minHeight}
          maxHeight={maxHeight}
          basicSetup={{ foldGutter: true, highlightActiveLine: false, autocompletion: true, lintKeymap: false }}
        />
      </Box>
      <div id={errorId} aria-live="polite">
        {error && (
          <Group gap={6} mt={6} wrap="nowrap" c="red.7">
            <IconAlertCircle size={16} aria-hidden style={{ flexShrink: 0 }} />
            <Text size="sm" role="alert">
              {describeSyntaxError(error)}
            </Text>
          </Group>
        )}
      </div>
    </Input.Wrapper>
  );
}
