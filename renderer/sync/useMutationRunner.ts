/**
 * Runs a form's mutations and keeps the error to show beside it: a refusal by the shared schema or
 * a full disk in its own words, anything else as `notSaved`. Nothing is queued when it fails.
 */
import { useCallback, useState } from 'react';
import type { MutationName } from '../../shared/sync/mutations';
import { MutationInputError } from './mutate';
import { StorageFullError } from './storage';

export type RunMutation = (name: MutationName, args: unknown) => Promise<boolean>;

export function useMutationRunner(mutate: (name: MutationName, args: unknown) => Promise<number>, notSaved: string): { run: RunMutation; error: string | null } {
  const [error, setError] = useState<string | null>(null);
  const run = useCallback<RunMutation>(
    async (name, args) => {
      setError(null);
      try {
        await mutate(name, args);
        return true;
      } catch (e) {
        setError(e instanceof MutationInputError || e instanceof StorageFullError ? e.message : notSaved);
        return false;
      }
    },
    [mutate, notSaved],
  );
  return { run, error };
}
