import { createHash } from 'node:crypto';
import { ALL_SLUG } from '../../../src/lib/content-contract.ts';

const PLAIN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A file-safe slug that is a pure function of the category name, so that it
 * never changes when other categories come or go:
 * - a name that already is a slug stays (`tech`);
 * - any other name gets its ASCII part, if any, and a hash of the exact name
 *   after an underscore (`金融` → `c_1b9f3a0e`, `AI 芯片` → `ai_5c0d…`). A plain
 *   slug never holds an underscore, so a category named like another one's
 *   slug (`c_1b9f3a0e`, or `c-1b9f3a0e` before) cannot take it.
 */
export function categorySlug(name: string): string {
  if (PLAIN.test(name) && name !== ALL_SLUG && name.length <= 48) return name;
  const hash = createHash('sha1').update(name).digest('hex').slice(0, 8);
  const ascii = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/, '');
  return `${ascii || 'c'}_${hash}`;
}
