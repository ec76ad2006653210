// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FallbackImage } from './fallback-image.tsx';

describe('FallbackImage', () => {
  it('tries the source, then the mirror, then shows the caption with a retry', async () => {
    render(
      <FallbackImage
        src="https://img.example.cn/1.jpg"
        fallbackSrc="https://mirror.example.cn/1.jpg"
        alt="码头"
        caption="码头灯火通明。"
        width={400}
        height={300}
      />,
    );
    const first = screen.getByRole('img', { name: '码头' });
    expect(first).toHaveAttribute('src', 'https://img.example.cn/1.jpg');
    expect(first).toHaveAttribute('referrerpolicy', 'no-referrer');
    expect(first).toHaveAttribute('width', '400');

    fireEvent.error(first);
    const second = screen.getByRole('img', { name: '码头' });
    expect(second).toHaveAttribute('src', 'https://mirror.example.cn/1.jpg');
    expect(second).toHaveAttribute('referrerpolicy', 'no-referrer');

    fireEvent.error(second);
    // The placeholder stands in for the photo, under the same name.
    const placeholder = screen.getByRole('img', { name: '码头' });
    expect(placeholder.tagName).toBe('SPAN');
    expect(screen.getByText('图片加载失败：码头灯火通明。')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(screen.getByRole('img', { name: '码头' })).toHaveAttribute('src', 'https://img.example.cn/1.jpg');
  });

  it('goes straight to the placeholder when there is no mirror', () => {
    render(<FallbackImage src="https://img.example.cn/1.jpg" alt="桥" caption="大桥合龙。" />);
    fireEvent.error(screen.getByRole('img', { name: '桥' }));
    expect(screen.getByText('图片加载失败：大桥合龙。')).toBeInTheDocument();
  });

  it('resolves site paths against the base URL', () => {
    render(<FallbackImage src="/sample-photos/a.svg" alt="示例" />);
    expect(screen.getByRole('img', { name: '示例' })).toHaveAttribute('src', '/sample-photos/a.svg');
  });

  it('offers no retry where the image sits inside a button', () => {
    render(<FallbackImage src="https://img.example.cn/1.jpg" alt="桥" retry={false} />);
    fireEvent.error(screen.getByRole('img', { name: '桥' }));
    expect(screen.getByRole('img', { name: '桥' }).tagName).toBe('SPAN');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows a plain tile, with no text or button, for a decorative cover', () => {
    const { container } = render(<FallbackImage src="https://img.example.cn/1.jpg" alt="" decorative />);
    fireEvent.error(container.querySelector('img') as HTMLImageElement);
    expect(container.querySelector('.image-placeholder')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
