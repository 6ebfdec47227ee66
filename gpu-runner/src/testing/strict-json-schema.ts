/**
 * The rules OpenAI's strict structured outputs enforce (self-hosted servers do not): every object
 * lists all its properties as required and forbids additional ones. Returns the first violation.
 */
interface JsonSchema {
  type?: string;
  additionalProperties?: unknown;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}

export function strictSchemaViolation(schema: JsonSchema | undefined, path = '$'): string | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  if (schema.type === 'object') {
    if (schema.additionalProperties !== false) return `${path}: additionalProperties must be false`;
    const keys = Object.keys(schema.properties ?? {});
    const required: string[] = schema.required ?? [];
    const missing = keys.filter((k) => !required.includes(k));
    if (missing.length) return `${path}: properties ${missing.join(', ')} must be required`;
    for (const key of keys) {
      const violation = strictSchemaViolation(schema.properties?.[key], `${path}.${key}`);
      if (violation) return violation;
    }
  }
  if (schema.type === 'array') return strictSchemaViolation(schema.items, `${path}[]`);
  return undefined;
}
