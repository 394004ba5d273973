/**
 * The complete example of docs/forms.md, read from the page itself (the tables after the
 * `<!-- vi-du:… -->` markers), so the documented example is the one the tests parse.
 */
import { readFileSync } from 'node:fs';
import type { SheetCell } from '../../../src/domain/forms/spreadsheet';

const page = readFileSync(new URL('../../../docs/forms.md', import.meta.url), 'utf8');

function markdownTable(marker: string): SheetCell[][] {
  const lines = page.split('\n');
  const start = lines.indexOf(`<!-- vi-du:${marker} -->`);
  if (start < 0) throw new Error(`docs/forms.md has no example ${marker}`);
  const table: SheetCell[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('|')) break;
    if (/^\|[-|]+\|$/.test(line)) continue;
    table.push(line.slice(1, -1).split('|').map((cell) => cell.trim() || null));
  }
  return table;
}

/** The example as sheets of cells: text where the page has text, null where a cell is empty. */
export function exampleSheets(): Record<'chi_tieu' | 'cai_dat', SheetCell[][]> {
  return { chi_tieu: markdownTable('chi_tieu'), cai_dat: markdownTable('cai_dat') };
}
