// Entry point loaded by VS Code as --extensionTestsPath (compiled to dist/test/integration/index.js).
// VS Code calls the exported run() inside the extension host and exits 1 if it rejects.
//
// Add each suite file here: importing it registers its tests with the runner.
import './suite/smoke.test';
import './suite/candidates.test';
import './suite/extension.test';
import './suite/priority.test';
import './suite/language.test';
import './suite/import.test';
import './suite/suggest.test';
import './suite/preview.test';
import './suite/kedb.test';
import './suite/kedbStates.test';
import './suite/form.test';
import './suite/completionLists.test';
import './suite/rootcauses.test';
import './suite/prose.test';
import './suite/tasks.test';
import './suite/recurrences.test';
import './suite/insights.test';

import { run as runRegisteredTests } from './runner';

export function run(): Promise<void> {
  return runRegisteredTests();
}
