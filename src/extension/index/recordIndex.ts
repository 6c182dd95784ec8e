import * as vscode from 'vscode';
import { isYamlPath, KIND_FOLDERS, nextFreeId, Workspace, type FileRead, type RecordEntry, type RecordKind, type StoreChange, type UnlistedPath, type WorkspaceHost } from '../../core';
import { NodeFsHost, readFileNoFollow, readFileUpTo } from '../../node/fsHost';
import { Disposable, KeyedDebouncer } from '../util/dispose';

const EXCLUDE = '**/{node_modules,.git,dist,out}/**';
const YAML_GLOB = '**/*.{yaml,yml}';
/**
 * What makes a folder a KEDB workspace: a kedb.config.yaml, or records in an incidents/, problems/
 * or known-errors/ folder (the patterns the extension activates on). Only such folders are read up
 * front; elsewhere (a repository of Kubernetes manifests, say) the index takes just the YAML
 * documents the user opens, so a record file opened there still gets its diagnostics.
 */
const MARKER_GLOB = `{kedb.config.yaml,**/kedb.config.yaml,${['incidents', 'problems', 'known-errors'].flatMap((d) => [`**/${d}/*.yaml`, `**/${d}/*.yml`]).join(',')}}`;

/** Whether a folder is a KEDB workspace: one file search that stops at the first match, no read. */
async function isKedbWorkspace(folder: vscode.WorkspaceFolder): Promise<boolean> {
  return (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, MARKER_GLOB), EXCLUDE, 1)).length > 0;
}

/**
 * One workspace folder's records. Reading `ws` first applies the edits typed into open documents
 * that the index has not taken yet (it takes them 30 ms after the last keystroke otherwise), so
 * every command, provider and view sees the text the user sees without syncing by hand.
 */
export class FolderIndex {
  private subscription: { dispose(): void };

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    private store: Workspace,
    private readonly flush: (folder: FolderIndex) => void,
    private readonly changed: (folder: FolderIndex, change: StoreChange) => void,
  ) {
    this.subscription = store.onDidChange((change) => this.changed(this, change));
  }

  get ws(): Workspace {
    this.flush(this);
    return this.store;
  }

  /** False while the folder is not a KEDB workspace: then only the documents opened in it are indexed. */
  kedb = false;

  /** The store as it is, without taking pending edits (the index's own use). */
  get raw(): Workspace {
    return this.store;
  }

  /** Puts a freshly loaded store in place of the old one: every file of it counts as affected. */
  replace(store: Workspace): void {
    this.subscription.dispose();
    this.store = store;
    this.subscription = store.onDidChange((change) => this.changed(this, change));
    this.changed(this, { paths: [], affected: { all: true, paths: [] } });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** Where a document sits in the index. */
export interface Located {
  folder: FolderIndex;
  path: string;
}

/**
 * Reads a folder through VS Code; plain files are read synchronously, which measured far faster.
 * A local folder is listed as the CLI lists it (NodeFsHost): symbolic links are never followed
 * (VS Code's search follows them), and the links, unreadable folders and odd files it left out are
 * reported (`unlisted`), so the editor and `kedb validate` see the same files.
 */
class VscodeHost implements WorkspaceHost {
  private readonly disk: NodeFsHost | undefined;

  constructor(private readonly folder: vscode.WorkspaceFolder) {
    this.disk = folder.uri.scheme === 'file' ? new NodeFsHost(folder.uri.fsPath) : undefined;
  }

  unlisted(): UnlistedPath[] {
    return this.disk?.unlisted() ?? [];
  }

  async listFiles(): Promise<string[]> {
    if (this.disk) return this.disk.listFiles();
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(this.folder, YAML_GLOB), EXCLUDE);
    return uris.map((u) => relativePath(this.folder, u)).filter((p): p is string => p !== undefined && !p.split('/').some((s) => s.startsWith('.')));
  }

  readFile(path: string): Promise<Uint8Array> | Uint8Array {
    const uri = vscode.Uri.joinPath(this.folder.uri, path);
    const open = openDocument(uri);
    if (open) return new TextEncoder().encode(open.getText());
    if (uri.scheme === 'file') return readFileNoFollow(uri.fsPath);
    return Promise.resolve(vscode.workspace.fs.readFile(uri));
  }

  readFileUpTo(path: string, max: number): Promise<FileRead> | FileRead {
    const uri = vscode.Uri.joinPath(this.folder.uri, path);
    const open = openDocument(uri);
    if (open) {
      const bytes = new TextEncoder().encode(open.getText());
      return { size: bytes.length, bytes };
    }
    if (uri.scheme === 'file') return readFileUpTo(uri.fsPath, max);
    return Promise.resolve(vscode.workspace.fs.stat(uri)).then(async ({ size }) => (size > max ? { size } : { size, bytes: await vscode.workspace.fs.readFile(uri) }));
  }
}

/** The open document of a URI, if any: the one lookup of an editor buffer by URI. */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

export function relativePath(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string | undefined {
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : folder.uri.path + '/';
  if (uri.scheme !== folder.uri.scheme || uri.authority !== folder.uri.authority || !uri.path.startsWith(base)) return undefined;
  return uri.path.slice(base.length);
}

/**
 * The index of every workspace folder's records. Open documents win over the disk; one file
 * watcher per folder keeps closed files current, debounced per file.
 */
export class RecordIndex extends Disposable {
  private readonly folders = new Map<string, FolderIndex>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<FolderIndex>());
  /** Fires after any change to a folder's records, once per batch of changes. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly recordsEmitter = this._register(new vscode.EventEmitter<{ folder: FolderIndex; change: StoreChange }>());
  /** Each change of a folder's store, with the files whose issues it may have changed. */
  readonly onDidChangeRecords = this.recordsEmitter.event;
  private readyResolve!: () => void;
  /** Resolves when every folder has been loaded once. */
  readonly ready = new Promise<void>((r) => (this.readyResolve = r));
  private readonly pendingDisk = this._register(new KeyedDebouncer<string>(60, (key) => void this.reloadInTurn(key)));
  /** The disk reload running for each file: a second one waits for it, so a late read never undoes a delete. */
  private readonly diskReloads = new Map<string, Promise<void>>();
  private readonly pendingText = this._register(new KeyedDebouncer<string>(30, (key) => this.reloadFromBuffer(key)));
  private loaded = false;
  /** Disk events seen while `reloadAll` runs: they are applied again to the fresh index after it. */
  private eventsDuringReload: Set<string> | undefined;

  constructor() {
    super();
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.onBufferChanged(e.document)));
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.onBufferChanged(d)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.locate(d.uri) && this.pendingDisk.trigger(d.uri.toString())));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.start()));
    // Deletes and renames made in the editor (the explorer, a WorkspaceEdit) are read at once: the
    // file watcher may drop a delete that follows a create it has not yet reported.
    this._register(vscode.workspace.onDidDeleteFiles((e) => this.queueGone(e.files)));
    this._register(vscode.workspace.onDidRenameFiles((e) => this.queueGone(e.files.flatMap((f) => [f.oldUri, f.newUri]))));
  }

  /** Reads again every indexed file at or under each of `uris` (a file or a folder). */
  private queueGone(uris: readonly vscode.Uri[]): void {
    for (const uri of uris) {
      for (const entry of this.folders.values()) {
        const path = relativePath(entry.folder, uri);
        if (path === undefined) continue;
        const under = path.replace(/\/?$/, '/');
        for (const file of entry.raw.recordFiles()) {
          if (file === path || file.startsWith(under)) this.pendingDisk.trigger(vscode.Uri.joinPath(entry.folder.uri, file).toString());
        }
        if (isYamlPath(path)) this.pendingDisk.trigger(uri.toString());
      }
    }
  }

  private reloadInTurn(key: string): void {
    const previous = this.diskReloads.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.reloadFromDisk(key)).catch(() => undefined);
    this.diskReloads.set(key, next);
    void next.then(() => {
      if (this.diskReloads.get(key) === next) this.diskReloads.delete(key);
    });
  }

  /** Loads every folder in batches, yielding to the event loop between them. */
  async start(): Promise<void> {
    const current = new Set((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString()));
    for (const [key, entry] of [...this.folders]) {
      if (current.has(key)) continue;
      entry.dispose();
      this.folders.delete(key);
    }
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const key = folder.uri.toString();
      if (this.folders.has(key)) continue;
      const entry = new FolderIndex(folder, new Workspace(), (f) => this.takePendingEdits(f), (f, change) => this.recordsEmitter.fire({ folder: f, change }));
      this.folders.set(key, entry);
      if (await isKedbWorkspace(folder)) await this.load(entry);
      else this.waitForRecords(entry);
      this.changeEmitter.fire(entry);
    }
    if (!this.loaded) {
      this.loaded = true;
      this.readyResolve();
    }
  }

  /** Reads every YAML file of a KEDB workspace folder, in batches, and watches them from then on. */
  private async load(entry: FolderIndex): Promise<void> {
    entry.kedb = true;
    this.watch(entry.folder);
    await entry.raw.loadAll(new VscodeHost(entry.folder), {
      batchSize: 100,
      yieldNow: () => new Promise((r) => setImmediate(r)),
      isCancelled: () => this.isDisposed,
    });
  }

  /**
   * A folder that is not a KEDB workspace: index the YAML documents already open in it (those
   * opened later come through the open event), and load the folder once a config or a record
   * folder appears in it.
   */
  private waitForRecords(entry: FolderIndex): void {
    for (const doc of vscode.workspace.textDocuments) {
      const path = relativePath(entry.folder, doc.uri);
      if (path !== undefined && isYamlPath(path)) entry.raw.setFileText(path, doc.getText());
    }
    const markers = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(entry.folder, MARKER_GLOB), false, true, true);
    this._register(markers);
    this._register(
      markers.onDidCreate(() => {
        markers.dispose();
        if (entry.kedb || this.isDisposed) return;
        void this.load(entry).then(() => this.changeEmitter.fire(entry));
      }),
    );
  }

  private watch(folder: vscode.WorkspaceFolder): void {
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, YAML_GLOB)));
    const queue = (uri: vscode.Uri) => {
      this.eventsDuringReload?.add(uri.toString());
      this.pendingDisk.trigger(uri.toString());
    };
    const onDisk = (uri: vscode.Uri) => {
      // An open document's own change events already carry its text.
      if (openDocument(uri) && !openDocument(uri)?.isClosed) return;
      queue(uri);
    };
    this._register(watcher.onDidCreate(onDisk));
    this._register(watcher.onDidChange(onDisk));
    this._register(watcher.onDidDelete(queue));
  }

  private onBufferChanged(doc: vscode.TextDocument): void {
    if (!this.locate(doc.uri)) return;
    this.pendingText.trigger(doc.uri.toString());
  }

  /** Applies now the buffer edits of `folder` still waiting for their debounce. */
  private takePendingEdits(folder: FolderIndex): void {
    const base = folder.folder.uri.toString().replace(/\/?$/, '/');
    this.pendingText.flush((key) => key.startsWith(base));
  }

  private reloadFromBuffer(key: string): void {
    const uri = vscode.Uri.parse(key);
    const loc = this.locate(uri);
    const doc = openDocument(uri);
    if (!loc || !doc) return;
    const ws = loc.folder.raw;
    if (ws.textOf(loc.path) === doc.getText()) return;
    ws.setFileText(loc.path, doc.getText());
    this.changeEmitter.fire(loc.folder);
  }

  private async reloadFromDisk(key: string): Promise<void> {
    const uri = vscode.Uri.parse(key);
    const loc = this.locate(uri);
    if (!loc) return;
    const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).then(
      (st) => st,
      () => undefined,
    );
    const open = openDocument(uri);
    if (!stat) {
      // Deleted on disk. Unsaved work in an editor still counts; anything else leaves the index.
      if (open?.isDirty) return;
      loc.folder.raw.deleteFile(loc.path);
    } else if (stat.type & vscode.FileType.Directory) {
      return;
    } else if (open) {
      this.reloadFromBuffer(key);
      return;
    } else {
      try {
        await loc.folder.raw.readInto(new VscodeHost(loc.folder.folder), loc.path, true);
      } catch {
        // Deleted between the stat and the read: it leaves the index. Unreadable: it stays as it
        // was until its next change.
        const gone = await Promise.resolve(vscode.workspace.fs.stat(uri)).then(
          () => false,
          () => true,
        );
        if (!gone) return;
        loc.folder.raw.deleteFile(loc.path);
      }
    }
    this.changeEmitter.fire(loc.folder);
  }

  /** Reloads every folder from disk (open documents keep their buffers). */
  async reloadAll(): Promise<void> {
    const seen = (this.eventsDuringReload ??= new Set());
    try {
      for (const entry of this.folders.values()) {
        if (!entry.kedb) {
          if (!(await isKedbWorkspace(entry.folder))) continue;
          entry.kedb = true;
          this.watch(entry.folder);
        }
        const fresh = new Workspace();
        await fresh.loadAll(new VscodeHost(entry.folder), { batchSize: 100, yieldNow: () => new Promise((r) => setImmediate(r)) });
        entry.replace(fresh);
        this.changeEmitter.fire(entry);
      }
    } finally {
      if (this.eventsDuringReload === seen) this.eventsDuringReload = undefined;
    }
    // A file that changed while the folders were listed and read may have reached the old index
    // only: read it again into the new one.
    for (const key of seen) this.pendingDisk.trigger(key);
  }

  /**
   * Opens a document (or finds it open) and makes sure the index holds its text: the one way
   * commands open a record they are about to read or edit. Reading a folder's `ws` takes the
   * edits of documents already open by itself.
   */
  async open(uri: vscode.Uri): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument(uri);
    this.syncDocument(doc);
    return doc;
  }

  private syncDocument(doc: vscode.TextDocument): void {
    const loc = this.locate(doc.uri);
    if (loc && loc.folder.raw.textOf(loc.path) !== doc.getText()) {
      loc.folder.raw.setFileText(loc.path, doc.getText());
      this.changeEmitter.fire(loc.folder);
    }
  }

  // ---- queries -----------------------------------------------------------------------------

  all(): FolderIndex[] {
    return [...this.folders.values()];
  }

  locate(uri: vscode.Uri): Located | undefined {
    for (const folder of this.folders.values()) {
      const path = relativePath(folder.folder, uri);
      if (path !== undefined && isYamlPath(path)) return { folder, path };
    }
    return undefined;
  }

  /**
   * The id a new record of `kind` gets: the next free one in the folder's records whose file does
   * not exist yet in the kind's folder either (a file the index has not seen, or does not index).
   * The one free-id search of the extension; undefined after a thousand taken ids in a row.
   */
  async freeId(folder: FolderIndex, kind: RecordKind): Promise<string | undefined> {
    const prefix = folder.ws.config.idPrefixes[kind];
    let id = folder.ws.nextId(kind);
    for (let attempt = 0; attempt < 1000; attempt++) {
      const taken = await Promise.resolve(vscode.workspace.fs.stat(this.uriOf(folder, `${KIND_FOLDERS[kind]}/${id}.yaml`))).then(
        () => true,
        () => false,
      );
      if (!taken) return id;
      id = nextFreeId(prefix, [id]);
    }
    return undefined;
  }

  uriOf(folder: FolderIndex, path: string): vscode.Uri {
    return vscode.Uri.joinPath(folder.folder.uri, path);
  }

  /** A record by id, looked up in the document's folder first, then in the others. */
  find(id: string, near?: vscode.Uri): { folder: FolderIndex; record: RecordEntry } | undefined {
    const first = near ? this.locate(near)?.folder : undefined;
    for (const folder of first ? [first, ...this.all().filter((f) => f !== first)] : this.all()) {
      const record = folder.ws.get(id);
      if (record) return { folder, record };
    }
    return undefined;
  }
}
