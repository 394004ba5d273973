import type { ReactNode } from 'react';

export interface FieldMessage {
  kind: 'error' | 'warning';
  text: string;
}

/** A visible label, the control, and its messages right below it (read out with the control). */
export function FieldRow({
  id,
  label,
  messages = [],
  hint,
  children,
  testId,
  changed,
}: {
  id: string;
  label: string;
  messages?: FieldMessage[];
  hint?: string;
  children: ReactNode;
  testId?: string;
  /** Says the field changed (since the report was returned, say): a mark in words, not colour. */
  changed?: string;
}) {
  const hasError = messages.some((m) => m.kind === 'error');
  const hasWarning = messages.some((m) => m.kind === 'warning');
  return (
    <div className={`field${hasError ? ' field-has-error' : hasWarning ? ' field-has-warning' : ''}${changed ? ' field-changed-since' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {changed ? (
        <p className="field-changed" data-testid={testId ? `changed-${testId}` : undefined}>
          <span aria-hidden="true">✎</span> {changed}
        </p>
      ) : null}
      {children}
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {messages.length > 0 ? (
        <div id={`${id}-messages`} data-testid={testId ? `issue-${testId}` : undefined}>
          {messages.map((message, index) => (
            <p key={index} className={`field-message field-message-${message.kind}`} role={message.kind === 'error' ? 'alert' : undefined}>
              {message.text}
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** `aria-describedby` for a control inside `FieldRow`. */
export function describedBy(id: string, messages: FieldMessage[] | undefined, hint?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, messages && messages.length > 0 ? `${id}-messages` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** An element id from a dotted path. */
export function fieldId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}
