const SCROLL_BOXES = '.c-code pre, table, .c-math-display';

/**
 * Code, tables and math that scroll sideways in their own box can be reached with the keyboard
 * (Tab, then the arrow keys), as WCAG asks of scrolling regions: while a box overflows, it is in
 * the tab order, named by what it holds. Returns what stops following the window's size.
 */
export function makeScrollBoxesFocusable(body: HTMLElement): () => void {
  const boxes = [...body.querySelectorAll<HTMLElement>(SCROLL_BOXES)];
  if (boxes.length === 0) return () => {};
  const update = () => {
    for (const box of boxes) {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && box.tabIndex !== 0) {
        box.tabIndex = 0;
        box.setAttribute('aria-label', box.tagName === 'TABLE' ? '表格（可左右滚动）' : '代码（可左右滚动）');
      } else if (!scrolls && box.hasAttribute('tabindex')) {
        box.removeAttribute('tabindex');
        box.removeAttribute('aria-label');
      }
    }
  };
  update();
  window.addEventListener('resize', update);
  return () => window.removeEventListener('resize', update);
}
