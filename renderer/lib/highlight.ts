// Splitting text around search matches so the view can mark them.

export interface Segment {
  text: string;
  match: boolean;
}

/** The text cut into plain and matching segments; matching ignores case. */
export function splitMatches(text: string, query: string): Segment[] {
  if (query === '') return [{ text, match: false }];
  const haystack = text.toLowerCase();
  const needle = query.toLowerCase();
  const segments: Segment[] = [];
  let from = 0;
  let at = haystack.indexOf(needle, from);
  while (at !== -1) {
    if (at > from) segments.push({ text: text.slice(from, at), match: false });
    segments.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
    at = haystack.indexOf(needle, from);
  }
  if (from < text.length) segments.push({ text: text.slice(from), match: false });
  return segments;
}
