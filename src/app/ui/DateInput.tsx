/**
 * A date typed day first, `dd/mm/yyyy`, in a text field. A native `<input type="date">` draws its
 * text in the browser's language (mm/dd/yyyy in a Chromium set to English, even on a Vietnamese page),
 * so the app reads and writes the text itself: `parseDate` accepts 05/12/2026, 5.12.2026, 05122026
 * (a number pad may have no slash) and a pasted ISO date. The number pad stays (`inputMode="numeric"`).
 * The value handed out is an ISO date (`2026-12-05`) or '' for none. Text that is not a date says so in
 * Vietnamese once the field is left; meanwhile the value stays as it was (the editor's autosave: a typo
 * never erases a saved date), or, with `unreadableIsEmpty` (a form sent with a button), becomes '' so
 * the form's own "required" check stops it.
 */
import { useState, type InputHTMLAttributes } from 'react';
import { dateToInput, parseDate, useI18n } from '../i18n';

type PassedProps = Pick<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'className' | 'aria-describedby' | 'aria-label' | 'required' | 'disabled'>;

export function DateInput({
  value,
  onChange,
  onBlur,
  testId,
  invalid,
  unreadableIsEmpty = false,
  className = 'input input-date',
  ...passed
}: PassedProps & {
  /** ISO date or ''. */
  value: string;
  onChange: (isoDate: string) => void;
  onBlur?: () => void;
  testId?: string;
  /** The caller's own verdict (a rule of the report): marks the field like an unreadable date does. */
  invalid?: boolean;
  /** Hand out '' while the text is not a date, instead of keeping the last date read. */
  unreadableIsEmpty?: boolean;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(() => dateToInput(value));
  const [shownValue, setShownValue] = useState(value);
  const [left, setLeft] = useState(false);
  // A new value from outside (a form reset, a merge with the server's copy): show it, unless the text
  // typed already stands for it (a tidy-up would move the caret while typing).
  if (value !== shownValue) {
    setShownValue(value);
    const typed = parseDate(text);
    const standsFor = typed.ok ? typed.value === value : unreadableIsEmpty && value === '';
    if (!standsFor) setText(dateToInput(value));
  }
  const parsed = parseDate(text);
  const unreadable = !parsed.ok && left;
  const messageId = passed.id ? `${passed.id}-date` : undefined;
  const describedBy = [passed['aria-describedby'], unreadable ? messageId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <input
        {...passed}
        className={className}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t.common.datePlaceholder}
        data-testid={testId}
        data-iso-date={parsed.ok ? parsed.value : undefined}
        aria-invalid={unreadable || invalid || undefined}
        aria-describedby={describedBy}
        value={text}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const reading = parseDate(next);
          if (reading.ok) {
            setLeft(false);
            if (reading.value !== value) onChange(reading.value);
          } else if (unreadableIsEmpty && value !== '') onChange('');
        }}
        onBlur={() => {
          setLeft(true);
          // Tidied to the one form the app writes, as counts are (`1234` → `1.234`).
          if (parsed.ok && text !== dateToInput(parsed.value)) setText(dateToInput(parsed.value));
          onBlur?.();
        }}
      />
      {unreadable ? (
        <p className="field-message field-message-error" role="alert" id={messageId} data-testid={testId ? `${testId}-unreadable` : undefined}>
          {t.common.dateInvalid}
        </p>
      ) : null}
    </>
  );
}
