/**
 * Keyset pages only run forward (`after`), so the way back is kept in the URL: `trail` holds
 * the `after` of every page before the current one but the first, dot-separated (cursors are
 * base64url, which has no dot). The head-to-head pager and the battle's previous/next links
 * both step through pages with it, and a link to any page keeps its way back.
 */
const SEPARATOR = '.';

function trailOf(params: URLSearchParams): string[] {
  const trail = params.get('trail');
  return trail === null || trail === '' ? [] : trail.split(SEPARATOR);
}

/** The parameters of the page after the current one, whose list ends at `endCursor`. */
export function nextPage(
  params: URLSearchParams,
  endCursor: string,
): Record<string, string | null> {
  const after = params.get('after');
  const trail = after === null ? [] : [...trailOf(params), after];
  return { after: endCursor, trail: trail.length === 0 ? null : trail.join(SEPARATOR) };
}

/** The parameters of the page before the current one; null on the first page. */
export function previousPage(params: URLSearchParams): Record<string, string | null> | null {
  if (params.get('after') === null) return null;
  const trail = trailOf(params);
  const after = trail.pop() ?? null;
  return { after, trail: trail.length === 0 ? null : trail.join(SEPARATOR) };
}

/** `params` with a patch applied (null removes). */
export function patched(
  params: URLSearchParams,
  patch: Record<string, string | null>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  return next;
}
