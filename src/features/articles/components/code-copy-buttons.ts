/**
 * Adds a "复制" button to every code block of an article body (the pipeline's `c-code`
 * blocks): it copies the code as written, and says so on the button for a moment. Returns what
 * removes them. The buttons are the app's own, added after sanitizing, never part of the HTML.
 */
export function addCodeCopyButtons(body: HTMLElement): () => void {
  const added: HTMLButtonElement[] = [];
  for (const block of body.querySelectorAll<HTMLElement>('.c-code')) {
    const code = block.querySelector('pre');
    if (!code) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'code-copy';
    button.textContent = '复制';
    button.setAttribute('aria-label', '复制代码');
    button.addEventListener('click', () => {
      navigator.clipboard.writeText(code.textContent ?? '').then(
        () => showFor(button, '已复制'),
        () => showFor(button, '复制失败'),
      );
    });
    block.prepend(button);
    added.push(button);
  }
  return () => {
    for (const button of added) button.remove();
  };
}

const timers = new WeakMap<HTMLButtonElement, number>();

function showFor(button: HTMLButtonElement, text: string): void {
  button.textContent = text;
  window.clearTimeout(timers.get(button));
  timers.set(
    button,
    window.setTimeout(() => (button.textContent = '复制'), 2000),
  );
}
