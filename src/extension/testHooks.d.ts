/**
 * True in the development build (`node esbuild.mjs`), which the integration tests load; false in
 * the packaged extension (`--production`), where esbuild drops every branch that tests it. The
 * hidden commands the integration tests observe the webviews and views through, and the message
 * logs behind them, exist only where it is true.
 */
declare const KEDB_TEST_HOOKS: boolean;
