export function isParentNpmVariable(name: string): boolean;
export function nestedNpmEnv(parent: NodeJS.ProcessEnv, own?: Record<string, string>): Record<string, string>;
