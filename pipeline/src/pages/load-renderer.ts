import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { PageRenderer, RenderedPage } from '../../../src/lib/content-contract.ts';

export interface ServerBuild {
  /** A hash of the module: a new build of the app renders every page again. */
  signature: string;
  /**
   * The renderer, loaded on the first call (React, the app and jsdom take a few tenths of a
   * second): a run with no page to render never loads it.
   */
  load: () => Promise<PageRenderer>;
}

/** The app's server build (`--render FILE`, src/entry-server.tsx), to be loaded when needed. */
export function openServerBuild(file: string): ServerBuild {
  const signature = createHash('sha1').update(fs.readFileSync(file)).digest('hex');
  let loaded: Promise<PageRenderer> | undefined;
  return { signature, load: () => (loaded ??= loadRenderer(file)) };
}

/** Loads a module exporting `createPageRenderer()`, and checks what it gives. */
async function loadRenderer(file: string): Promise<PageRenderer> {
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
  return { render: async (input) => checkRendered(await render.call(renderer, input)) };
}

function checkRendered(value: unknown): RenderedPage {
  if (typeof value !== 'object' || value === null || !('root' in value) || !('data' in value))
    throw new Error('the renderer returned no page');
  const { root, data } = value;
  if (typeof root !== 'string' || typeof data !== 'string') throw new Error('the renderer returned no page');
  return { root, data };
}
