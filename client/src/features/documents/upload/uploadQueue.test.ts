import { describe, expect, it } from 'vitest';
import { EMPTY_QUEUE, nextUpload, type UploadAction, type UploadQueue, uploadReducer } from './uploadQueue';

function run(actions: UploadAction[], start: UploadQueue = EMPTY_QUEUE): UploadQueue {
  return actions.reduce(uploadReducer, start);
}

const twoFiles: UploadAction = {
  type: 'add',
  files: [
    { name: 'a.pdf', size: 100 },
    { name: 'b.docx', size: 300 },
  ],
  maxBytes: 1000,
};

describe('upload queue', () => {
  it('sends one file at a time, in the order they were added', () => {
    let queue = run([twoFiles]);
    expect(queue.items.map((item) => item.status)).toEqual(['waiting', 'waiting']);
    expect(nextUpload(queue)?.name).toBe('a.pdf');
    queue = run([{ type: 'start', id: 1 }], queue);
    expect(nextUpload(queue)).toBeUndefined();
    queue = run([{ type: 'progress', id: 1, loaded: 40 }], queue);
    expect(queue.items[0]).toMatchObject({ status: 'uploading', loaded: 40 });
    queue = run([{ type: 'done', id: 1, entryId: 'e1', newVersion: false }], queue);
    expect(queue.items[0]).toMatchObject({ status: 'done', loaded: 100, entryId: 'e1' });
    expect(nextUpload(queue)?.name).toBe('b.docx');
  });

  it('fails a file over the limit before sending it, and keeps the others', () => {
    const queue = run([
      {
        type: 'add',
        files: [
          { name: 'gross.iso', size: 2000 },
          { name: 'klein.txt', size: 10 },
        ],
        maxBytes: 1000,
      },
    ]);
    expect(queue.items[0]).toMatchObject({ status: 'failed', failure: { kind: 'tooLarge', maxBytes: 1000 } });
    expect(nextUpload(queue)?.name).toBe('klein.txt');
  });

  it('lets the server decide without a known limit', () => {
    const queue = run([{ type: 'add', files: [{ name: 'x', size: 10 ** 12 }], maxBytes: null }]);
    expect(queue.items[0]?.status).toBe('waiting');
  });

  it('keeps a finished file finished: a late progress, failure or cancel changes nothing', () => {
    const done = run([twoFiles, { type: 'start', id: 1 }, { type: 'done', id: 1, entryId: 'e', newVersion: true }]);
    const after = run(
      [
        { type: 'progress', id: 1, loaded: 3 },
        { type: 'failed', id: 1, failure: { kind: 'request', failure: { kind: 'network' } } },
        { type: 'cancel', id: 1 },
      ],
      done,
    );
    expect(after.items[0]).toEqual(done.items[0]);
  });

  it('cancels a waiting file and clears finished ones', () => {
    const queue = run([twoFiles, { type: 'cancel', id: 2 }, { type: 'start', id: 1 }]);
    expect(queue.items[1]?.status).toBe('cancelled');
    const cleared = run([{ type: 'clearFinished' }], queue);
    expect(cleared.items.map((item) => item.name)).toEqual(['a.pdf']);
    const more = run([{ type: 'add', files: [{ name: 'c', size: 1 }], maxBytes: null }], cleared);
    expect(more.items.at(-1)?.id).toBe(3);
  });
});
