import type { ConnectorResponse } from '@gatehouse/contracts';
import type { ConnectorProblem } from '@gatehouse/mapping';
import { useCallback, useMemo, useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useUpdateConnector } from '../api/update-connector';
import { draftFrom, draftProblems, draftState, notSetUp, type ConnectorDraft } from '../utils/connector-draft';
import type { Problem } from '../utils/problem-location';

export type SaveOutcome = { ok: true; saved: ConnectorResponse } | { ok: false; message: string };

/**
 * The instance page's draft of one connector, shared by its tabs: the Settings fields and the
 * Capabilities / Mappings JSON (Custom HTTP) or the SCIM base URL (SCIM proxy). Validation runs
 * in the browser with the engine the API uses; a refused save keeps the server's problems until
 * the draft changes again.
 */
export function useConnectorEditor(connector: ConnectorResponse) {
  const [draft, setDraft] = useState<ConnectorDraft>(() => draftFrom(connector));
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const update = useUpdateConnector();

  const state = useMemo(() => draftState(draft, connector), [draft, connector]);

  /** A new, untouched instance: steps left, nothing wrong yet (no problems shown). */
  const fresh = useMemo(() => notSetUp(connector, draft, state), [connector, draft, state]);

  /** Problems found in the draft as it stands; `blocksSave` tells those a save refuses from warnings. */
  const liveProblems = useMemo<ConnectorProblem[]>(() => (fresh ? [] : draftProblems(connector, draft, state)), [fresh, connector, draft, state]);

  const change = useCallback((patch: Partial<ConnectorDraft> | ((d: ConnectorDraft) => Partial<ConnectorDraft>)) => {
    setDraft((d) => ({ ...d, ...(typeof patch === 'function' ? patch(d) : patch) }));
    setServerProblems([]);
  }, []);

  const discard = useCallback(() => {
    setDraft(draftFrom(connector));
    setServerProblems([]);
  }, [connector]);

  const save = useCallback(async (): Promise<SaveOutcome> => {
    try {
      const saved = await update.mutateAsync({ id: connector.id, ...state.changes });
      setDraft(draftFrom(saved));
      setServerProblems([]);
      return { ok: true, saved };
    } catch (err) {
      if (err instanceof ApiRequestError) {
        setServerProblems(err.body?.details ?? []);
        return { ok: false, message: err.message };
      }
      return { ok: false, message: 'Could not reach the server. Check your connection and try again.' };
    }
  }, [connector.id, state.changes, update]);

  return {
    connector,
    draft,
    change,
    discard,
    save,
    saving: update.isPending,
    ...state,
    liveProblems,
    notSetUp: fresh,
    serverProblems,
    /** What the tabs mark: the last refused save's problems, else the live ones. */
    problems: serverProblems.length > 0 ? serverProblems : liveProblems,
  };
}

export type ConnectorEditor = ReturnType<typeof useConnectorEditor>;
