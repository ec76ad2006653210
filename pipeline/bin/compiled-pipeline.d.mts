/** The folder holding cli.mjs, parse-worker.mjs and run-pipeline.mjs compiled from the current sources. */
export function compiledPipeline(): Promise<string>;
