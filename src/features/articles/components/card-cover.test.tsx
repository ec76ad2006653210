// @vitest-environment jsdom
import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CardCover, categoryTone } from './card-cover.tsx';

describe('CardCover', () => {
  it("shows the title's first character in the category's colour when every source fails", () => {
    const { container } = render(
      <CardCover
        article={{
          cover: 'https://img.example.cn/a.jpg',
          coverFallback: 'https://mirror.example.cn/a.jpg',
          title: '  港口的一天',
          categories: ['财经'],
        }}
      />,
    );
    fireEvent.error(container.querySelector('img') as HTMLImageElement);
    expect(container.querySelector('img')).toHaveAttribute('data-source', 'fallback');
    fireEvent.error(container.querySelector('img') as HTMLImageElement);
    expect(container.querySelector('img')).toBeNull();
    const monogram = container.querySelector('.monogram');
    expect(monogram).toHaveTextContent(/^港$/);
    expect(monogram).toHaveClass(`monogram--${categoryTone('财经')}`);
  });

  it('gives a category the same colour every time, and spreads categories over the palette', () => {
    expect(categoryTone('财经')).toBe(categoryTone('财经'));
    const tones = new Set(['财经', '城市', '文化', '农业', '体育', '要闻', '国际', '交通'].map(categoryTone));
    expect(tones.size).toBeGreaterThanOrEqual(4);
  });

  it('shows nothing for an article without a cover', () => {
    const { container } = render(<CardCover article={{ title: '无图', categories: [] }} />);
    expect(container).toBeEmptyDOMElement();
  });
});
