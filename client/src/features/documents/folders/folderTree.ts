/** A folder as the move dialog shows it: its depth below the top level. */
export interface TreeFolder {
  id: string;
  name: string;
  parentId: string | null;
  depth: number;
}

/**
 * The folders in tree order (each folder followed by its subfolders, names sorted), without
 * `movingId` and everything inside it: an entry cannot move into itself.
 */
export function folderTree(
  folders: readonly { id: string; name: string; parentId: string | null }[],
  movingId: string,
  locale: string,
): TreeFolder[] {
  const children = new Map<string | null, { id: string; name: string; parentId: string | null }[]>();
  for (const folder of folders) {
    const siblings = children.get(folder.parentId) ?? [];
    siblings.push(folder);
    children.set(folder.parentId, siblings);
  }
  const result: TreeFolder[] = [];
  const seen = new Set<string>();
  const walk = (parentId: string | null, depth: number) => {
    const list = [...(children.get(parentId) ?? [])].sort((a, b) => a.name.localeCompare(b.name, locale));
    for (const folder of list) {
      if (folder.id === movingId || seen.has(folder.id)) continue;
      seen.add(folder.id);
      result.push({ ...folder, depth });
      walk(folder.id, depth + 1);
    }
  };
  walk(null, 0);
  return result;
}
