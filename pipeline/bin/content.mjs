// `npm run content`: the pipeline's command line, run from its compiled JavaScript (compiled-pipeline.mjs).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compiledPipeline } from './compiled-pipeline.mjs';

await import(pathToFileURL(path.join(await compiledPipeline(), 'cli.mjs')).href);
