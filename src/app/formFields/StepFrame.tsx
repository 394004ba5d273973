/**
 * The frame around a report's step, the same in Plan 94's editor, a form's editor and the staff preview:
 * where the step stands, the chips that move between steps, and the buttons to the step before and after.
 * It imports nothing but the texts, so Plan 94's editor (on the officer's first visit) takes no form code.
 */
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n';

/** The chips that move between a report's steps (Plan 94's editor, a form's editor, the staff preview). */
export function FormStepChips({
  steps,
  current,
  title,
  withErrors,
  changed,
  onGo,
}: {
  steps: readonly string[];
  current: string;
  title: (id: string) => string;
  /** Steps with an error, marked in words as well as colour; never the review. */
  withErrors: ReadonlySet<string>;
  /** Steps changed since the report was returned, with the words a screen reader says for the mark. */
  changed?: { steps: ReadonlySet<string>; mark: string };
  onGo: (id: string) => void;
}) {
  const { t } = useI18n();
  const list = useRef<HTMLOListElement>(null);
  // The chips scroll sideways: on a 360 px phone one or two of a report's 6–11 fit, so the current one is
  // brought to the middle of the strip whenever the step changes (the page itself does not move).
  // The first step needs no measuring: a strip drawn at its start already shows it, and going back to it
  // is a scroll to the start. Measuring forces the browser to lay the page out there and then, which on
  // opening the editor (nearly always at its first step) cost a slow phone ≈ 35 ms of its cold start.
  const drawn = useRef(false);
  const first = steps[0] === current;
  useEffect(() => {
    const strip = list.current;
    const mounting = !drawn.current;
    drawn.current = true;
    if (!strip || (first && mounting)) return;
    if (first) {
      strip.scrollLeft = 0;
      return;
    }
    const chip = strip.querySelector<HTMLElement>('[aria-current="step"]');
    if (chip) strip.scrollLeft = chip.offsetLeft - strip.offsetLeft - (strip.clientWidth - chip.offsetWidth) / 2;
  }, [current, first]);
  return (
    <nav aria-label={t.editor.sectionList}>
      <ol className="section-chips" ref={list}>
        {steps.map((id, i) => {
          const hasErrors = withErrors.has(id) && id !== 'review';
          return (
            <li key={id}>
              <button
                type="button"
                className={`chip${id === current ? ' chip-current' : ''}${hasErrors ? ' chip-error' : ''}`}
                aria-current={id === current ? 'step' : undefined}
                data-testid={`section-${id}`}
                onClick={() => onGo(id)}
              >
                {i + 1}. {title(id)}
                {hasErrors ? <span className="visually-hidden"> ({t.editor.hasErrors})</span> : null}
                {changed?.steps.has(id) ? (
                  <span className="chip-changed">
                    {' '}
                    ✎<span className="visually-hidden">{changed.mark}</span>
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** "‹ Trước" and "Tiếp ›" under a step: the step before (none on the first) and the step after (none on the last). */
export function StepNav({ steps, index, onGo }: { steps: readonly string[]; index: number; onGo: (id: string) => void }) {
  const { t } = useI18n();
  return (
    <div className="section-nav">
      {index > 0 ? (
        <button type="button" className="button" data-testid="section-previous" onClick={() => onGo(steps[index - 1]!)}>
          ‹ {t.common.previous}
        </button>
      ) : (
        <span />
      )}
      {index < steps.length - 1 ? (
        <button type="button" className="button button-primary" data-testid="section-next" onClick={() => onGo(steps[index + 1]!)}>
          {t.common.next} ›
        </button>
      ) : null}
    </div>
  );
}

/**
 * "Phần 2/11" over a bar: where the step stands among the report's steps. `id` ties the label to the bar.
 * The step's title is said to a screen reader only: the current chip and the step's own heading show it.
 */
export function StepProgress({ id, index, count, title }: { id: string; index: number; count: number; title: string }) {
  const { t } = useI18n();
  return (
    <div className="progress">
      <label className="progress-label" htmlFor={id}>
        {t.editor.progress(index + 1, count)}
        <span className="visually-hidden">: {title}</span>
      </label>
      <progress id={id} max={count} value={index + 1} />
    </div>
  );
}
