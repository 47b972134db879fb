import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkspaceFolder } from 'vscode-languageserver';

/** The workspace folders the client opened, as file system paths. */
export class WorkspaceFolders {
  private paths: string[] = [];

  set(folders: readonly WorkspaceFolder[] | null | undefined, rootUri?: string | null): void {
    const uris = folders && folders.length > 0 ? folders.map((folder) => folder.uri) : rootUri ? [rootUri] : [];
    this.paths = uris.flatMap((uri) => {
      const path = filePathOf(uri);
      return path === undefined ? [] : [path];
    });
  }

  change(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
    const gone = new Set(removed.map((folder) => filePathOf(folder.uri)));
    this.paths = this.paths.filter((path) => !gone.has(path));
    for (const folder of added) {
      const path = filePathOf(folder.uri);
      if (path !== undefined) this.paths.push(path);
    }
  }

  /** The innermost folder holding the file. */
  folderOf(fileName: string): string | undefined {
    let best: string | undefined;
    for (const path of this.paths) {
      const inside = fileName === path || fileName.startsWith(path.endsWith(sep) ? path : path + sep);
      if (inside && (best === undefined || path.length > best.length)) best = path;
    }
    return best;
  }
}

export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
