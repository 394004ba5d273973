/**
 * An open editor's bookkeeping against the stored copy of its report, without React: the form's
 * content grew from a stored copy (`basis`); whatever else writes the report (a sync pull or merge,
 * a conflict decision, another tab) moves the stored copy on, and the session carries the officer's
 * unsaved typing over onto it. `useStoredReportUpdates` wires it to react-hook-form, the autosave and
 * the database's watch; the sync model test (test/app/sync/model.server.test.ts) drives the same class.
 */
import { mergeReports, sameValue } from '../../../domain/merge';
import type { ReportDocument } from '../../../domain/report';
import type { ReportVersion } from '../../db';
import { documentFromForm, formFromDocument, keepTypedText, type ReportFormValues } from '../../formFields/reportForm';

/** Same report content, whatever the edit time and status (status changes only through its own buttons). */
export function sameContent(a: ReportDocument, b: ReportDocument): boolean {
  return sameValue({ ...a, updatedAt: '', status: 'draft' }, { ...b, updatedAt: '', status: 'draft' });
}

/** The form as the session sees it. */
export interface EditForm {
  values(): ReportFormValues;
  /** Show these values; not an edit by the officer (nothing is autosaved for it). */
  replace(values: ReportFormValues): void;
}

export interface EditSessionDeps {
  form: EditForm;
  /** `ReportRepository.saveEdit`: stores the document, merging it into a stored copy that moved on since `basis`. */
  save(document: ReportDocument, basis: ReportVersion): Promise<ReportVersion>;
  /** The stored copy the form now stands on (for the badge, the status, the conflict screen). */
  onStored(stored: ReportDocument): void;
  /** A form report's rows typed as numbers (`numericRowCodes`); none for Plan 94. */
  numericCodes?: readonly string[];
}

/** The autosave queue, as the session uses it (`AutosaveQueue`). */
export interface SessionAutosave {
  /** Queue a document (the officer's typing that the stored copy does not hold yet), replacing a waiting one. */
  schedule(document: ReportDocument): void;
  /** Whether a document waits for its turn (made on the basis of its time). */
  readonly hasWaitingDocument: boolean;
}

export class ReportEditSession {
  /** The stored copy the form's content grew from: the base of every rebase and of each save's merge. */
  basis: ReportVersion;
  private autosave: SessionAutosave | null = null;
  private showing = false;

  constructor(
    initial: ReportVersion,
    private readonly deps: EditSessionDeps,
  ) {
    this.basis = initial;
  }

  /** The autosave this session hands its documents to (the queue calls `save` back). */
  connect(autosave: SessionAutosave): void {
    this.autosave = autosave;
  }

  /** True while the form is being set to what came from storage: those changes are not the officer's typing. */
  get showingStored(): boolean {
    return this.showing;
  }

  /** The document the form stands for now. */
  typed(): ReportDocument {
    return documentFromForm(this.deps.form.values(), this.basis.document, this.deps.numericCodes).document;
  }

  /** The autosave's save: store `document`, then take over whatever the save merged in. */
  async save(document: ReportDocument): Promise<ReportDocument> {
    const saved = await this.deps.save(document, this.basis);
    if (sameContent(saved.document, document)) this.adopt(saved);
    else this.rebase(document, saved);
    return saved.document;
  }

  /** The stored copy after a write the form already shows. Never steps back to an older version. */
  adopt(stored: ReportVersion): void {
    if (stored.localVersion < this.basis.localVersion) return;
    this.basis = stored;
    this.deps.onStored(stored.document);
  }

  /**
   * The database says the report was written. If its local version moved on from the form's basis,
   * take the change in now, also while a save waits or runs: the form shows the other phone's figure
   * at once, and the waiting save is replaced by one made on the new basis.
   */
  storedChanged(stored: ReportVersion): void {
    if (stored.localVersion > this.basis.localVersion) this.rebase(this.basis.document, stored);
  }

  /**
   * The stored copy moved on without this form: a three-way merge of the form (the officer's unsaved
   * typing, which wins where both changed a field: it is what the officer is looking at) and the
   * stored copy over `from`. The form shows the result; fields the officer did not touch take the
   * stored values, fields being typed in keep their text.
   */
  private rebase(from: ReportDocument, stored: ReportVersion): void {
    const typedValues = this.deps.form.values();
    const typed = documentFromForm(typedValues, from, this.deps.numericCodes).document;
    const rebased = { ...mergeReports(from, typed, stored.document).merged, status: stored.document.status };
    this.adopt(stored);
    this.showing = true;
    try {
      this.deps.form.replace(keepTypedText(typedValues, formFromDocument(rebased, this.deps.numericCodes), this.deps.numericCodes));
    } finally {
      this.showing = false;
    }
    // A waiting save was made on the old basis: replace it, even when it has nothing left to add.
    if (this.autosave?.hasWaitingDocument || !sameContent(rebased, stored.document)) this.autosave?.schedule(rebased);
  }
}
