/** A form report's definition and round, for the list (in the entry bundle) and the editor alike. */
import { periodKey } from '../../../domain/period';
import type { ReportDocument } from '../../../domain/report';
import type { ReportingRound } from '../../../domain/round';

import { useEffect, useState } from 'react';
import type { FormDefinition } from '../../../domain/forms/definition';
import { isPlan94Report, roundFormRef, type FormRef } from '../../../domain/forms/formRef';
import { getLocalStore } from '../../db';

/** The definition of a form as this phone holds it (built in, or as the change feed brought it); null until read or when missing. */
export function useFormDefinition(ref: FormRef | undefined): FormDefinition | null {
  const id = ref?.id;
  const version = ref?.version;
  const [read, setRead] = useState<FormDefinition | null>(null);
  useEffect(() => {
    if (id === undefined || version === undefined || isPlan94Report({ form: { id, version } })) return;
    let live = true;
    getLocalStore()
      .forms.get({ id, version })
      .then(
        (definition) => live && setRead(definition),
        () => live && setRead(null),
      );
    return () => {
      live = false;
    };
  }, [id, version]);
  return read;
}

/** The round of the report's period that asks for its form (a period may have one round per form). */
export function roundOfForm(rounds: readonly ReportingRound[], document: ReportDocument, formId: string): ReportingRound | null {
  return rounds.find((round) => periodKey(round.period) === periodKey(document.period) && roundFormRef(round).id === formId) ?? null;
}
