import * as vscode from 'vscode';
import type { Register } from '../features';
import * as codeActions from './codeActionProvider';
import * as commands from './commands';
import * as completion from './completionProvider';
import * as definitions from './definitionProvider';
import * as enterRules from './enterRules';
import { RecordDocuments } from './documents';
import * as hover from './hoverProvider';
import * as links from './linkProvider';
import * as proseOnSave from './proseOnSave';
import * as rename from './renameProvider';
import * as symbols from './symbolProvider';

/**
 * Registers the editor features over record files: completion, hover, definition, references,
 * rename, links, outline, quick fixes, and prose quoted on save. Each works on the open document's text, parsed once
 * per version, and only for documents inside an indexed workspace folder.
 */
export const register: Register = ({ index }) => {
  const documents = new RecordDocuments(index);
  const providers = [commands, completion, hover, definitions, rename, links, symbols, codeActions, enterRules, proseOnSave].map((feature) => feature.register(documents));
  return vscode.Disposable.from(documents, ...providers);
};
