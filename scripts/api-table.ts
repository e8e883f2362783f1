// Prints the README's API table from the method table, so the docs list exactly what the API takes.
import { z } from 'zod';
import { apiMethods } from '../shared/api';

function fieldsOf(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
    required?: string[];
    anyOf?: { properties?: Record<string, unknown>; required?: string[] }[];
  };
  const render = (shape: { properties?: Record<string, unknown>; required?: string[] }): string => {
    const names = Object.keys(shape.properties ?? {});
    if (names.length === 0) return '{}';
    const required = new Set(shape.required ?? []);
    return `{ ${names.map((n) => (required.has(n) ? n : `${n}?`)).join(', ')} }`;
  };
  if (json.anyOf) return json.anyOf.map(render).join(' or ');
  return render(json);
}

/** The Markdown table of every method and its input fields (`?` marks optional ones). */
export function apiTable(): string {
  const rows = Object.entries(apiMethods).map(
    ([name, spec]) => `| \`${name}\` | \`${fieldsOf(spec.input)}\` |`,
  );
  return ['| method | input (JSON body) |', '| --- | --- |', ...rows].join('\n');
}

if (process.argv[1]?.endsWith('api-table.ts')) process.stdout.write(`${apiTable()}\n`);
