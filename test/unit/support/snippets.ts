/**
 * A small reader and expander of VS Code snippet files, enough to check `snippets/*.code-snippets`
 * in plain Node: JSONC (comments, trailing commas), tab stops `$1` / `${1}` / `${1:default}` (nested,
 * mirrored), choices `${1|a,b|}` (the first is taken), variables `$NAME` / `${NAME}` / `${NAME:default}`,
 * and `\` escapes. Transforms (`${1/re/fmt/}`) are refused, and so is a variable it does not know,
 * so that a typo in a snippet fails the test instead of inserting the variable's name.
 */

export interface SnippetDefinition {
  readonly prefix: string | readonly string[];
  readonly body: string | readonly string[];
  readonly description?: string;
  readonly scope?: string;
}

/** Parses a `.code-snippets` file (JSON with comments and trailing commas). */
export function parseSnippetFile(text: string): Record<string, SnippetDefinition> {
  return JSON.parse(stripJsonc(text)) as Record<string, SnippetDefinition>;
}

/** The body of a snippet as one string (an array body is joined with `\n`). */
export function bodyText(snippet: SnippetDefinition): string {
  return typeof snippet.body === 'string' ? snippet.body : snippet.body.join('\n');
}

/** The variables VS Code resolves for dates, for `date`. */
export function dateVariables(date: Date): Record<string, string> {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return {
    CURRENT_YEAR: String(date.getFullYear()),
    CURRENT_YEAR_SHORT: String(date.getFullYear()).slice(-2),
    CURRENT_MONTH: pad(date.getMonth() + 1),
    CURRENT_DATE: pad(date.getDate()),
    CURRENT_HOUR: pad(date.getHours()),
    CURRENT_MINUTE: pad(date.getMinutes()),
    CURRENT_SECOND: pad(date.getSeconds()),
  };
}

type SnippetNode =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'tabstop'; readonly index: number; readonly children?: readonly SnippetNode[] }
  | { readonly kind: 'choice'; readonly index: number; readonly options: readonly string[] }
  | { readonly kind: 'variable'; readonly name: string; readonly children?: readonly SnippetNode[] };

/**
 * Expands a snippet body as VS Code would insert it when every tab stop is left at its default:
 * a tab stop shows its placeholder (a mirror shows the placeholder given elsewhere), a choice its
 * first option, a variable its value.
 */
export function expandSnippet(body: string, variables: Readonly<Record<string, string>>): string {
  const nodes = new SnippetParser(body).parse();
  const defaults = new Map<number, readonly SnippetNode[] | string>();
  const collect = (list: readonly SnippetNode[]): void => {
    for (const node of list) {
      if (node.kind === 'choice' && !defaults.has(node.index)) {
        defaults.set(node.index, node.options[0] ?? '');
      } else if ((node.kind === 'tabstop' || node.kind === 'variable') && node.children) {
        if (node.kind === 'tabstop' && !defaults.has(node.index)) {
          defaults.set(node.index, node.children);
        }
        collect(node.children);
      }
    }
  };
  collect(nodes);
  const render = (list: readonly SnippetNode[], seen: ReadonlySet<number>): string =>
    list
      .map((node) => {
        switch (node.kind) {
          case 'text':
            return node.value;
          case 'choice':
            return node.options[0] ?? '';
          case 'variable': {
            const value = variables[node.name];
            if (value !== undefined) {
              return value;
            }
            if (node.children) {
              return render(node.children, seen);
            }
            throw new Error(`Unknown snippet variable $${node.name}`);
          }
          case 'tabstop': {
            const value = node.children ?? defaults.get(node.index);
            if (value === undefined || seen.has(node.index)) {
              return '';
            }
            return typeof value === 'string' ? value : render(value, new Set([...seen, node.index]));
          }
        }
      })
      .join('');
  return render(nodes, new Set());
}

class SnippetParser {
  private pos = 0;

  constructor(private readonly source: string) {}

  parse(): SnippetNode[] {
    const nodes = this.parseUntil(undefined);
    if (this.pos < this.source.length) {
      throw this.error('unexpected }');
    }
    return nodes;
  }

  /** Nodes up to (not including) an unescaped `stop` character, or the end. */
  private parseUntil(stop: '}' | undefined): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = (): void => {
      if (text) {
        nodes.push({ kind: 'text', value: text });
        text = '';
      }
    };
    while (this.pos < this.source.length) {
      const ch = this.source[this.pos];
      if (ch === '\\' && /[$}\\]/.test(this.source[this.pos + 1] ?? '')) {
        text += this.source[this.pos + 1];
        this.pos += 2;
      } else if (ch === '}' && stop === '}') {
        break;
      } else if (ch === '$') {
        const node = this.parseDollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += '$';
          this.pos++;
        }
      } else {
        text += ch;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  /** A `$…` construct at `pos`, or `undefined` when the `$` is a plain character. */
  private parseDollar(): SnippetNode | undefined {
    const rest = this.source.slice(this.pos + 1);
    const simple = /^(\d+|[A-Za-z_][A-Za-z_0-9]*)/.exec(rest);
    if (simple) {
      this.pos += 1 + simple[0].length;
      return /^\d/.test(simple[0]) ? { kind: 'tabstop', index: Number(simple[0]) } : { kind: 'variable', name: simple[0] };
    }
    const braced = /^\{(\d+|[A-Za-z_][A-Za-z_0-9]*)([}:|/])/.exec(rest);
    if (!braced) {
      return undefined;
    }
    const [whole, id, sep] = braced;
    const isIndex = /^\d/.test(id);
    this.pos += 1 + whole.length;
    if (sep === '}') {
      return isIndex ? { kind: 'tabstop', index: Number(id) } : { kind: 'variable', name: id };
    }
    if (sep === '/') {
      throw this.error('transforms are not supported');
    }
    if (sep === '|') {
      if (!isIndex) {
        throw this.error('a choice needs a tab stop number');
      }
      return { kind: 'choice', index: Number(id), options: this.parseChoice() };
    }
    const children = this.parseUntil('}');
    if (this.source[this.pos] !== '}') {
      throw this.error(`unclosed \${${id}:`);
    }
    this.pos++;
    return isIndex ? { kind: 'tabstop', index: Number(id), children } : { kind: 'variable', name: id, children };
  }

  private parseChoice(): string[] {
    const options: string[] = [];
    let option = '';
    while (this.pos < this.source.length) {
      const ch = this.source[this.pos];
      if (ch === '\\' && /[,|\\$}]/.test(this.source[this.pos + 1] ?? '')) {
        option += this.source[this.pos + 1];
        this.pos += 2;
      } else if (ch === ',') {
        options.push(option);
        option = '';
        this.pos++;
      } else if (ch === '|' && this.source[this.pos + 1] === '}') {
        options.push(option);
        this.pos += 2;
        return options;
      } else {
        option += ch;
        this.pos++;
      }
    }
    throw this.error('unclosed choice');
  }

  private error(message: string): Error {
    return new Error(`Snippet syntax error at ${this.pos}: ${message}`);
  }
}

/** JSONC → JSON: drops `//` and `/* *\/` comments and trailing commas outside strings. */
export function stripJsonc(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"') {
        i += text[i] === '\\' ? 2 : 1;
      }
      out += text.slice(start, ++i);
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (ch === ',' && /^\s*[}\]]/.test(text.slice(i + 1))) {
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
