/** The folder holding cli.mjs, parse-worker.mjs and run-pipeline.mjs compiled from the current sources. */
export function compiledPipeline(): Promise<string>;
/** A key for the version of the sources under `root` (the repository): their names, sizes and times. */
export function sourceKey(root?: string): string;
/** Imports an entry of the compiled pipeline (`cli.mjs`, `run-pipeline.mjs`), a parse worker starting first. */
export function importCompiled(entry: string): Promise<unknown>;
/** The heap of the parse worker importCompiled starts first: WORKER_MEMORY_MB. */
export const PARSER_MEMORY_MB: number;
/** What that worker runs until it is sent the parser's URL (parse-pool's adoptParser). */
export const PARSER_LOADER: string;
