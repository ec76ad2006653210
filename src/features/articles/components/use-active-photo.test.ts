import { describe, expect, it } from 'vitest';
import { nearestPhoto } from './use-active-photo.ts';

describe('nearestPhoto', () => {
  const photos = [{ anchor: 0 }, { anchor: 0 }, { anchor: 120 }, { anchor: 400 }];
  it('picks the photo whose original place is nearest the reading position', () => {
    expect(nearestPhoto(photos, 0)).toBe(0);
    expect(nearestPhoto(photos, 50)).toBe(0);
    expect(nearestPhoto(photos, 100)).toBe(2);
    expect(nearestPhoto(photos, 300)).toBe(3);
    expect(nearestPhoto(photos, Number.POSITIVE_INFINITY)).toBe(3);
  });
});
