import { describe, expect, it } from 'vitest';
import { entryGzippedBytes, readDist } from './support/distFiles';

/** The officer's entry JavaScript budget from issue 3: 140 KB gzipped, KB = 1024 bytes. */
const ENTRY_BUDGET_BYTES = 140 * 1024;

describe('the production build a phone loads first', () => {
  it(`keeps the entry JavaScript within ${ENTRY_BUDGET_BYTES} bytes gzipped (140 KB)`, async () => {
    const entry = await entryGzippedBytes();
    expect(entry.files.length).toBeGreaterThan(0);
    const detail = entry.files.map((file) => `${file.path}: ${file.gzipped} B`).join(', ');
    expect(entry.total, `entry JS gzipped: ${detail}`).toBeLessThanOrEqual(ENTRY_BUDGET_BYTES);
  });

  it('paints a real shell before any script and allows a strict Content-Security-Policy', async () => {
    const html = (await readDist('index.html')).toString('utf8');
    expect(html).toContain('Đang mở…');
    expect(html).toContain('<title>Báo cáo CĐCS</title>');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes, 'every script is an external file').toMatch(/\bsrc="/);
      expect(body!.trim(), 'no inline script').toBe('');
    }
    expect(html, 'no inline <style>').not.toMatch(/<style\b/i);
    expect(html, 'no style attribute').not.toMatch(/\sstyle\s*=/i);
    expect(html, 'no inline event handler').not.toMatch(/\son[a-z]+\s*=/i);
  });
});
