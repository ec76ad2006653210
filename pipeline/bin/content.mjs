// `npm run content`: the pipeline's command line, run from its compiled JavaScript (compiled-pipeline.mjs).
import { importCompiled } from './compiled-pipeline.mjs';

await importCompiled('cli.mjs');
