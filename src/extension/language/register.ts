import type * as vscode from 'vscode';
import type { RecordIndex } from '../index/recordIndex';
import * as codeActions from './codeActionProvider';
import * as commands from './commands';
import * as completion from './completionProvider';
import * as definitions from './definitionProvider';
import { RecordDocuments } from './documents';
import * as hover from './hoverProvider';
import * as links from './linkProvider';
import * as rename from './renameProvider';
import * as symbols from './symbolProvider';

/**
 * Registers the editor features over record files: completion, hover, definition, references,
 * rename, links, outline and quick fixes. Each works on the open document's text, parsed once
 * per version, and only for documents inside an indexed workspace folder.
 */
export function registerLanguageFeatures(context: vscode.ExtensionContext, index: RecordIndex): void {
  const documents = new RecordDocuments(index);
  context.subscriptions.push(documents);
  for (const feature of [commands, completion, hover, definitions, rename, links, symbols, codeActions]) {
    context.subscriptions.push(feature.register(documents));
  }
}
