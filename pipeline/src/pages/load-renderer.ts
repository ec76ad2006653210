import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { PageRenderer, RenderedPage } from '../../../src/lib/content-contract.ts';

export interface LoadedRenderer {
  renderer: PageRenderer;
  /** A hash of the module: a new build of the app renders every page again. */
  signature: string;
}

/**
 * Loads the app's server build (`--render FILE`, src/entry-server.tsx): a module exporting
 * `createPageRenderer()`. Loaded only when pages are written, and only once per run.
 */
export async function loadRenderer(file: string): Promise<LoadedRenderer> {
  const signature = createHash('sha1').update(fs.readFileSync(file)).digest('hex');
  // By its plain URL: its route chunks import it back, and a second copy would be a second React.
  const module: unknown = await import(pathToFileURL(file).href);
  const create =
    typeof module === 'object' && module !== null && 'createPageRenderer' in module
      ? module.createPageRenderer
      : undefined;
  if (typeof create !== 'function')
    throw new Error(`${file} exports no createPageRenderer(): is it the app's server build?`);
  const renderer: unknown = create();
  if (
    typeof renderer !== 'object' ||
    renderer === null ||
    !('render' in renderer) ||
    typeof renderer.render !== 'function'
  )
    throw new Error(`${file}: createPageRenderer() returned no renderer`);
  const render = renderer.render;
  return {
    renderer: { render: async (input) => checkRendered(await render.call(renderer, input)) },
    signature,
  };
}

function checkRendered(value: unknown): RenderedPage {
  if (typeof value !== 'object' || value === null || !('root' in value) || !('data' in value))
    throw new Error('the renderer returned no page');
  const { root, data } = value;
  if (typeof root !== 'string' || typeof data !== 'string') throw new Error('the renderer returned no page');
  return { root, data };
}
