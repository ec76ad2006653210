/** A problem with one input file: the run skips the file and reports this message. */
export class ContentError extends Error {
  override name = 'ContentError';
}
