import fs from 'node:fs';
import path from 'node:path';
import { PipelineError } from '../report.ts';

/** Every output carries this file: only a folder holding it (or nothing) is ever replaced. */
export const OUTPUT_MARKER = '.news-reader-output';
export const OUTPUT_MARKER_TEXT =
  'This folder is the output of the news reader content pipeline; a new run replaces it.\n';

/** The folder a path names once links are resolved, for a path that may not exist yet. */
function resolveReal(target: string): string {
  const rest: string[] = [];
  let at = path.resolve(target);
  for (;;) {
    try {
      return path.join(fs.realpathSync(at), ...rest.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return path.resolve(target);
      rest.push(path.basename(at));
      at = parent;
    }
  }
}

const within = (folder: string, target: string) =>
  target === folder || target.startsWith(folder.endsWith(path.sep) ? folder : `${folder}${path.sep}`);

/** An output written before the marker existed: its build id and manifest. */
function isEarlierOutput(out: string): boolean {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as unknown;
    return (
      fs.statSync(path.join(out, '.build-id')).isFile() &&
      typeof manifest === 'object' &&
      manifest !== null &&
      'version' in manifest
    );
  } catch {
    return false;
  }
}

/**
 * Refuses, before anything is touched, an output folder that a run could not replace without
 * losing someone's files: one that is, holds or sits inside the input folder, or an existing
 * folder with other content than a previous output of this pipeline. (`--in site/content
 * --out site` used to report success and then delete content/ and everything beside it.)
 */
export function checkOutputFolder(inDir: string, outDir: string): void {
  const input = resolveReal(inDir);
  const output = resolveReal(outDir);
  if (within(input, output)) {
    throw new PipelineError(
      output === input
        ? `the output folder ${outDir} is the input folder`
        : `the output folder ${outDir} is inside the input folder ${inDir}`,
    );
  }
  if (within(output, input)) {
    throw new PipelineError(`the output folder ${outDir} holds the input folder ${inDir}: publishing would replace it`);
  }
  let entries: string[];
  try {
    if (!fs.statSync(output).isDirectory()) throw new PipelineError(`the output ${outDir} is a file, not a folder`);
    entries = fs.readdirSync(output);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // a new folder
    throw error;
  }
  if (entries.length === 0 || entries.includes(OUTPUT_MARKER) || isEarlierOutput(output)) return;
  throw new PipelineError(
    `${outDir} holds other files (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}) and is not an output of this pipeline (it has no ${OUTPUT_MARKER}): nothing was changed. Choose a new or empty folder.`,
  );
}
