/**
 * Captions that say nothing: a file name ("01.jpg", "image.png"), a hash ("dafb8fc893c0…"), a
 * URL, or an editor's placeholder ("这里写图片描述", "在这里插入图片描述", "image"). In real
 * archives a fifth of the photos carried one; such a photo simply has no caption.
 */
const PLACEHOLDERS = new Set(
  [
    'image',
    'img',
    'images',
    'photo',
    'picture',
    'pic',
    'alt',
    'alt text',
    'screenshot',
    'untitled',
    'placeholder',
    '图',
    '图片',
    '图像',
    '插图',
    '配图',
    '照片',
    '图片描述',
    '这里写图片描述',
    '在这里插入图片描述',
    '请在这里输入图片描述',
    '请输入图片描述',
    '输入图片说明',
    '图片说明',
    '图片名称',
    'enter image description here',
    'insert image description here',
  ].map((text) => text.toLowerCase()),
);

const IMAGE_FILE = /^[^\s/\\]{1,120}\.(?:jpe?g|png|gif|webp|bmp|svg|avif|tiff?|heic|ico)$/i;
const URL_OR_PATH = /^(?:[a-z][a-z0-9+.-]*:|\/\/|\.{0,2}\/)\S*$/i;
// Hex or base64-like strings of 12+ characters with no letters of any script but Latin.
const HASH = /^[0-9a-f]{12,}$|^[\w-]{24,}$/i;
// Typora and other editors: image-20200705214519862, 截图_20210101, Pasted image 20220101.
const GENERATED = /^(?:image|img|pasted image|截图|屏幕截图|微信图片)[\s_-]*\d{6,}/i;

export function isPlaceholderCaption(text: string): boolean {
  const caption = text.trim().replace(/[。.…]+$/, '');
  if (caption === '') return true;
  return (
    PLACEHOLDERS.has(caption.toLowerCase()) ||
    IMAGE_FILE.test(caption) ||
    URL_OR_PATH.test(caption) ||
    (HASH.test(caption) && /\d/.test(caption)) ||
    GENERATED.test(caption)
  );
}
