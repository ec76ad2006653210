import { describe, expect, it } from 'vitest';
import { isCategorySlug } from '../../../src/lib/content-contract.ts';
import { categorySlug } from './category-slug.ts';

describe('categorySlug', () => {
  it('keeps a name that already is a slug', () => {
    expect(categorySlug('tech')).toBe('tech');
  });
  it('gives Chinese names a stable hashed slug', () => {
    expect(categorySlug('金融')).toMatch(/^c_[0-9a-f]{8}$/);
    expect(categorySlug('金融')).toBe(categorySlug('金融'));
    expect(categorySlug('金融')).not.toBe(categorySlug('要闻'));
  });
  it('keeps the ASCII part of mixed names and tells case apart', () => {
    expect(categorySlug('AI 芯片')).toMatch(/^ai_[0-9a-f]{8}$/);
    expect(categorySlug('AI')).not.toBe(categorySlug('ai'));
  });
  it('never takes the slug of the all-articles list', () => {
    expect(categorySlug('all')).not.toBe('all');
  });
  it('always has the form of a slug', () => {
    for (const name of ['金融', 'Hello World!', '---', '5G', 'é', '  ', 'a'.repeat(100), '..', '.', '%2F', '%2525']) {
      expect(isCategorySlug(categorySlug(name)), name).toBe(true);
    }
  });
  it('never gives a name the slug another name has', () => {
    // A name that is itself the slug another name is given.
    expect(categorySlug(categorySlug('金融'))).not.toBe(categorySlug('金融'));
    expect(categorySlug('c-6e60dfe5')).toBe('c-6e60dfe5');
  });
});
