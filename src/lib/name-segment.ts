/**
 * A category's or tag's name as one path segment of the app's addresses (`/category/<segment>`).
 * Percent-encoding alone is not enough: a URL parser treats `.` and `..` (encoded or not) as dot
 * segments and drops them, so those names, and names that begin with `~`, get a `~` in front.
 * The app reads it back with nameFromPath (src/config/paths.ts); the pipeline's sitemap uses it too.
 */
export function nameSegment(name: string): string {
  return encodeURIComponent(name === '.' || name === '..' || name.startsWith('~') ? `~${name}` : name);
}
