/** The folder holding cli.mjs, parse-worker.mjs and run-pipeline.mjs compiled from the current sources. */
export function compiledPipeline(): Promise<string>;
/** Imports an entry of the compiled pipeline (`cli.mjs`, `run-pipeline.mjs`), a parse worker starting first. */
export function importCompiled(entry: string): Promise<unknown>;
