/**
 * The JSON document's facts as the string map that a custom notification's
 * `metadata.additionalContext` holds: nested keys joined in camelCase (`user.name` → `userName`),
 * lists joined by commas, booleans as `true` / `false`, facts the record lacks (null) left out.
 * Custom actions read them as variables.
 * https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html
 */
export function contextOf(document: Readonly<Record<string, unknown>>): Record<string, string> {
  const context: Record<string, string> = {};
  const add = (key: string, value: unknown): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) context[key] = value.map(String).join(',');
    else if (typeof value === 'object') {
      for (const [name, inner] of Object.entries(value)) add(`${key}${capitalised(name)}`, inner);
    } else context[key] = String(value);
  };
  for (const [name, value] of Object.entries(document)) add(name, value);
  return context;
}

const capitalised = (name: string) => `${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`;
