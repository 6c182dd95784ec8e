// The environment for an npm command that this project starts from inside an npm script.
//
// `npm test` and `npm start` export their own settings to every child: `npm_config_*` (among them
// `npm_config_user_agent`, "npm/11 node/v20 ..."), `npm_lifecycle_*`, `npm_package_*`,
// `npm_execpath` and `npm_node_execpath`. A nested `npm install` reads those as its own settings.
// code-server's postinstall reads the Node version from the user agent and refuses to install
// under "node/v20" even though the nested npm runs on Node 24; other settings (nodedir, the
// node-gyp path, an empty allow-scripts list) point at the parent's Node as well. So the nested
// install starts from the parent's environment with all of them removed, and then takes only the
// settings it is given on purpose.

/** Variables npm exports to the scripts it runs; matched without regard to case, as npm reads them. */
const NPM_EXPORTED = [/^npm_config_/i, /^npm_lifecycle_/i, /^npm_package_/i, /^npm_execpath$/i, /^npm_node_execpath$/i, /^npm_command$/i];

/** True when npm would take `name` as one of the settings of the npm run that started us. */
export function isParentNpmVariable(name) {
  return NPM_EXPORTED.some((pattern) => pattern.test(name));
}

/**
 * `parent` without the npm run's own variables, plus `own` (the settings the nested npm needs on
 * purpose, such as `npm_config_nodedir`). Everything else, PATH and HOME among them, is kept.
 */
export function nestedNpmEnv(parent, own = {}) {
  const env = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && !isParentNpmVariable(name)) env[name] = value;
  }
  return { ...env, ...own };
}
