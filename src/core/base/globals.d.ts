// The only host globals the core uses, declared for its own type check (src/core/tsconfig.json),
// which has neither Node's nor the DOM's types. Node, browsers and VS Code's extension host all
// have them; the root tsconfig excludes this file and takes them from @types/node.

declare const performance: { now(): number };

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}

interface AbortSignal {
  readonly aborted: boolean;
}
