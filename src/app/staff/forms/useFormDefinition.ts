/**
 * The definition of the form a report or a round names: a built-in one from the code, any other from
 * the staff API (`GET /api/staff/forms/:code/:version`). Null while it loads, or when it could not be
 * read (the failure goes to `onFailure`: an ended session signs out).
 */
import { useEffect, useRef, useState } from 'react';
import type { FormDefinition } from '../../../domain/forms/definition';
import { builtinForm, formRefKey, type FormRef } from '../../../domain/forms/reportForm';
import { fetchForm } from '../api';

export function useFormDefinition(ref: FormRef | null, onFailure?: (error: unknown) => void): FormDefinition | null {
  const builtin = ref ? builtinForm(ref) : null;
  const key = ref && !builtin ? formRefKey(ref) : null;
  const [loaded, setLoaded] = useState<{ key: string; definition: FormDefinition } | null>(null);
  // Kept in a ref: a new callback on every render must not load the form again.
  const failureRef = useRef(onFailure);
  useEffect(() => {
    failureRef.current = onFailure;
  });
  const id = ref?.id;
  const version = ref?.version;
  useEffect(() => {
    if (key === null || id === undefined || version === undefined) return;
    let live = true;
    fetchForm(id, version).then(
      (answer) => live && setLoaded({ key, definition: answer.definition }),
      (error: unknown) => live && failureRef.current?.(error),
    );
    return () => {
      live = false;
    };
  }, [key, id, version]);
  if (builtin) return builtin;
  return loaded && loaded.key === key ? loaded.definition : null;
}
