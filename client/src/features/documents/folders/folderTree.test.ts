import { describe, expect, it } from 'vitest';
import { folderTree } from './folderTree';

const folders = [
  { id: 'b', name: 'Bauamt', parentId: null },
  { id: 'a', name: 'Akten', parentId: null },
  { id: 'a2', name: '2026', parentId: 'a' },
  { id: 'a2x', name: 'Entwürfe', parentId: 'a2' },
];

describe('folder tree for moving', () => {
  it('lists folders in tree order with their depth', () => {
    expect(folderTree(folders, 'none', 'de').map((f) => `${f.depth}:${f.name}`)).toEqual([
      '0:Akten',
      '1:2026',
      '2:Entwürfe',
      '0:Bauamt',
    ]);
  });

  it('leaves out the moved folder and everything inside it', () => {
    expect(folderTree(folders, 'a2', 'de').map((f) => f.id)).toEqual(['a', 'b']);
  });
});
