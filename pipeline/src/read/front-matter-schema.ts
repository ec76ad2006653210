import { z } from 'zod';

const text = z.union([z.string(), z.number()]).transform((value) => String(value).trim());

/** Hexo allows a name, a list of names, or nested lists (`- [产经, 汽车]`). */
type NameTree = string | number | boolean | null | NameTree[];
const nameTree: z.ZodType<NameTree> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(nameTree)]),
);

/** Flattens a name tree, trims, drops empties and repeats, keeps the first order. */
export function flattenNames(tree: NameTree | undefined): string[] {
  const seen = new Set<string>();
  const stack: NameTree[] = tree === undefined ? [] : [tree];
  const out: string[] = [];
  // Iterative walk: hostile front matter may nest very deeply.
  const queue: NameTree[] = [];
  while (stack.length > 0) {
    const node = stack.pop() as NameTree;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i] as NameTree);
    } else queue.push(node);
  }
  for (const node of queue) {
    if (node === null || typeof node === 'boolean') continue;
    const name = String(node).replace(/\s+/g, ' ').trim();
    if (name !== '' && !seen.has(name)) {
      seen.add(name);
      out.push(name);
    }
  }
  return out;
}

const author = z.union([text, z.object({ name: text }).transform((value) => value.name)]);

const dateValue = z.union([z.string(), z.number(), z.date()]);

/**
 * The fields we read from front matter. Anything else is ignored; a field of
 * the wrong shape is an error that names the field.
 */
export const frontMatterSchema = z.object({
  title: text.pipe(z.string().min(1, 'title is empty')),
  date: dateValue.optional().nullable(),
  updated: dateValue.optional().nullable(),
  categories: nameTree.optional().transform(flattenNames),
  tags: nameTree.optional().transform(flattenNames),
  author: author.optional().nullable(),
  headimg: text.optional().nullable(),
  thumbnail: text.optional().nullable(),
  cover: text.optional().nullable(),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;

/** One line that says which field is wrong and how. */
export function describeSchemaError(error: z.ZodError, data: Record<string, unknown>): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid front matter';
  const field = issue.path.join('.');
  if (field === 'title') {
    if (data.title === undefined || data.title === null) return 'missing title';
    return issue.code === 'too_small' ? 'title is empty' : 'invalid title: it must be text';
  }
  return `invalid front matter field "${field || '(root)'}": ${issue.message}`;
}
