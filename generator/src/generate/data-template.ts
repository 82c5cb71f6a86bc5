// Data handed to chart templates: a named template that returns JSON (read there with fromJson).
// Every generator that gives the charts facts (catalogs, stage table, Kubernetes versions, upstream
// manifest settings) writes them through here, so the file shape and the escaping are the same.

/**
 * JSON that stays data inside a Go template and a YAML reader: `{{` (only possible inside strings) is
 * escaped so Helm does not read it as an action, and U+0085/2028/2029, which YAML readers take as
 * line breaks, are escaped too.
 */
export function templateSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\{\{/g, '{\\u007b')
    .replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `{{- define "<name>" -}}<body>{{- end -}}` with a trailing newline. */
export function defineTemplate(name: string, body: string): string {
  return `{{- define ${JSON.stringify(name)} -}}\n${body}\n{{- end -}}\n`;
}

/** A template file with one named template returning `data` as JSON, under a header and what it holds. */
export function jsonDataTemplate(opts: { header: string; what: string; define: string; data: unknown }): string {
  return [`{{/* ${opts.header} */}}`, `{{/* ${opts.what} */}}`, defineTemplate(opts.define, templateSafeJson(opts.data))].join('\n');
}
