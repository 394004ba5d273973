import type { Page } from 'playwright-core';

/**
 * Touch and pointer targets as WCAG 2.2 measures them: every element a finger or a mouse can
 * activate, found by what it is (never by a list of the app's own classes, which let new kinds of
 * target slip through), with its box in CSS px on the page as it is now.
 */
export interface TargetBox {
  /** Tag, test id, class and text: enough to find it in the code. */
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A link WCAG 2.5.8 exempts as "inline": inside a sentence, its height set by the line of text around
 * it. Each exemption names its links and says why; a link it names that does not sit in running text
 * (alone in its block) is measured like any other.
 */
export interface InlineLink {
  selector: string;
  why: string;
}

/** What activates something: links, buttons, form controls, summaries, ARIA widgets, focusable elements. */
const INTERACTIVE = [
  'a[href]',
  'button',
  'input:not([type=hidden])',
  'select',
  'textarea',
  'summary',
  '[role=button]',
  '[role=link]',
  '[role=tab]',
  '[role=checkbox]',
  '[role=radio]',
  '[role=switch]',
  '[role=menuitem]',
  '[role=option]',
  '[contenteditable=""]',
  '[contenteditable=true]',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/**
 * Every visible target of the page at the top of its scroll (inside the open modal dialog, if one is
 * open: nothing under it can be hit). A checkbox, radio button or file input with a label counts as
 * its label (what the finger hits; the small box inside is part of it). Links `inline` names are
 * left out, once checked to really sit in running text; `exempt` names those.
 */
export async function measureTargets(page: Page, inline: readonly InlineLink[] = []): Promise<{ targets: TargetBox[]; exempt: string[] }> {
  return page.evaluate(
    ([interactive, inlineSelectors]) => {
      // At the top a sticky bar sits in its own place, not over whatever was scrolled under it.
      window.scrollTo(0, 0);
      const describe = (element: Element): string => {
        const html = element as HTMLElement;
        const testId = html.dataset?.testid ? `[${html.dataset.testid}]` : '';
        const className = typeof html.className === 'string' && html.className.trim() ? `.${html.className.trim().split(/\s+/).join('.')}` : '';
        const text = (html.innerText || html.getAttribute('aria-label') || html.getAttribute('title') || (html as HTMLInputElement).name || html.id || '')
          .replace(/\s+/g, ' ')
          .trim()
          .slice(0, 50);
        const type = element instanceof HTMLInputElement ? `(${element.type})` : '';
        return `${element.tagName.toLowerCase()}${type}${testId}${className} “${text}”`;
      };
      const labelOf = (input: HTMLInputElement): HTMLLabelElement | null => {
        const wrapping = input.closest('label');
        if (wrapping) return wrapping;
        return input.id ? document.querySelector<HTMLLabelElement>(`label[for="${CSS.escape(input.id)}"]`) : null;
      };
      const shown = (element: Element): boolean => {
        if (element.closest('[inert]')) return false;
        const rect = element.getBoundingClientRect();
        if (element.getClientRects().length === 0 || rect.width === 0 || rect.height === 0) return false;
        return getComputedStyle(element).visibility !== 'hidden';
      };
      /** In running text: drawn inline, in a block that holds words of its own besides the link. */
      const inRunningText = (element: Element): boolean => {
        if (getComputedStyle(element).display !== 'inline') return false;
        let block = element.parentElement;
        while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
        if (!block) return false;
        const own = (block.textContent ?? '').replace((element.textContent ?? ''), '').replace(/\s+/g, '');
        return own.length > 0;
      };

      // Under an open modal dialog nothing but the dialog can be hit.
      const modal = [...document.querySelectorAll('[aria-modal="true"]')].find((dialog) => dialog.getClientRects().length > 0);
      const activators = 'a[href], button, summary, label, [role=button], [role=link]';
      const targets = new Set<Element>();
      for (const element of (modal ?? document).querySelectorAll(interactive)) {
        if (element instanceof HTMLInputElement && ['checkbox', 'radio', 'file'].includes(element.type)) {
          const label = labelOf(element);
          if (label && shown(label)) {
            targets.add(label);
            continue;
          }
        }
        // A target inside another target (an icon button's focusable child) is part of it.
        if (element.parentElement?.closest(activators)) continue;
        if (shown(element)) targets.add(element);
      }

      // What a script made clickable without saying so (a chart's legend toggling its series): the
      // outermost element drawn with the pointer cursor, outside every target found above.
      for (const element of (modal ?? document.body).querySelectorAll('*')) {
        if (getComputedStyle(element).cursor !== 'pointer') continue;
        if (element.parentElement && getComputedStyle(element.parentElement).cursor === 'pointer') continue;
        if (element.closest(activators) || element.closest(interactive) || [...targets].some((target) => target.contains(element))) continue;
        if (shown(element)) targets.add(element);
      }

      const exempt: string[] = [];
      const boxes: { name: string; x: number; y: number; width: number; height: number }[] = [];
      for (const element of targets) {
        const rule = inlineSelectors.find((selector) => element.matches(selector));
        if (rule && inRunningText(element)) {
          exempt.push(describe(element));
          continue;
        }
        const rect = element.getBoundingClientRect();
        // Visually hidden (clipped to a pixel) is not drawn, whatever its box says.
        if (rect.width <= 1 && rect.height <= 1) continue;
        boxes.push({ name: describe(element), x: rect.x + scrollX, y: rect.y + scrollY, width: rect.width, height: rect.height });
      }
      return { targets: boxes, exempt };
    },
    [INTERACTIVE, inline.map((rule) => rule.selector)] as const,
  );
}

const size = (box: TargetBox) => `${box.width.toFixed(0)}×${box.height.toFixed(0)}`;

/** The gap between two boxes along the axis that separates them (negative: they overlap). */
function gap(a: TargetBox, b: TargetBox): number {
  const apartX = Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width));
  const apartY = Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height));
  return Math.max(apartX, apartY);
}

const contains = (a: TargetBox, b: TargetBox) => a.x <= b.x && a.y <= b.y && a.x + a.width >= b.x + b.width && a.y + a.height >= b.y + b.height;

/** Rounding of sub-pixel layout (a 43.99 px box drawn from 2.75rem): not a smaller target. */
const TOLERANCE = 0.05;

/**
 * What is wrong with these targets, one line each naming the target: any under `minimum` × `minimum`
 * (44 on the officer's phone; 24 on the staff's desktop, WCAG 2.2's SC 2.5.8, here without its
 * exception for small targets spaced apart: a 21 px button is as hard to hit with room around it), and
 * any two closer than `spacing` px (a target drawn inside another counts as one with it).
 */
export function targetProblems(targets: readonly TargetBox[], { minimum, spacing = 2 }: { minimum: number; spacing?: number }): string[] {
  const problems: string[] = [];
  for (const box of targets)
    if (box.width < minimum - TOLERANCE || box.height < minimum - TOLERANCE) problems.push(`${box.name} is ${size(box)}, under ${minimum} × ${minimum}`);
  for (let i = 0; i < targets.length; i++)
    for (let j = i + 1; j < targets.length; j++) {
      const a = targets[i]!;
      const b = targets[j]!;
      if (contains(a, b) || contains(b, a)) continue;
      const apart = gap(a, b);
      if (apart < spacing - TOLERANCE) problems.push(`${a.name} and ${b.name} are ${apart.toFixed(1)} px apart (under ${spacing})`);
    }
  return problems;
}
