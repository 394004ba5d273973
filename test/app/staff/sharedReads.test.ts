import { describe, expect, it } from 'vitest';
import { sharedReads } from '../../../src/app/staff/sharedReads';

/** A read that counts its requests and answers them in order when told. */
function counted() {
  let requests = 0;
  const waiting: { resolve: (value: string[]) => void; reject: (error: Error) => void }[] = [];
  return {
    load: () =>
      new Promise<string[]>((resolve, reject) => {
        requests++;
        waiting.push({ resolve, reject });
      }),
    get requests() {
      return requests;
    },
    answer: (value: string[]) => waiting.shift()?.resolve(value),
    fail: () => waiting.shift()?.reject(new Error('network')),
  };
}

describe('a read shared by the panels of one screen', () => {
  it('asks once for panels that read the same thing together, and once more after a change or a while', async () => {
    let clock = 0;
    const reads = sharedReads<string[]>(5_000, () => clock);
    const server = counted();
    const first = reads.read('n1', server.load);
    const second = reads.read('n1', server.load);
    const other = reads.read('n2', server.load);
    expect(server.requests).toBe(2);
    server.answer(['vòng năm 2025']);
    server.answer(['vòng của n2']);
    expect(await first).toEqual(['vòng năm 2025']);
    expect(await second).toBe(await first);
    expect(await other).toEqual(['vòng của n2']);

    clock = 4_000;
    void reads.read('n1', server.load); // come already: the same answer
    expect(server.requests).toBe(2);
    reads.forget(); // a round changed from this browser
    const afterChange = reads.read('n1', server.load);
    expect(server.requests).toBe(3);
    server.answer(['vòng đã gia hạn']);
    expect(await afterChange).toEqual(['vòng đã gia hạn']);

    clock = 4_000 + 5_000;
    void reads.read('n1', server.load).catch(() => undefined);
    expect(server.requests).toBe(4);
  });

  it('does not keep a failed read: the next one asks again', async () => {
    const reads = sharedReads<string[]>(5_000, () => 0);
    const server = counted();
    const failed = reads.read('n1', server.load);
    server.fail();
    await expect(failed).rejects.toThrow('network');
    const again = reads.read('n1', server.load);
    expect(server.requests).toBe(2);
    server.answer(['vòng năm 2025']);
    expect(await again).toEqual(['vòng năm 2025']);
  });
});
