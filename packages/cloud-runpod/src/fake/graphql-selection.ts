/**
 * A small parser for the GraphQL documents a RunPod client sends: one operation, fields with
 * aliases, arguments bound to variables or simple literals, nested selections. Fragments and
 * directives are not supported (the fake answers them with a validation error).
 */

/** A field in a selection set. */
export interface SelectedField {
  readonly name: string;
  /** Key in the answer: the alias, else the name. */
  readonly responseKey: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly selection?: readonly SelectedField[];
}

/** A parsed operation. */
export interface ParsedOperation {
  readonly kind: 'query' | 'mutation';
  readonly selection: readonly SelectedField[];
}

/** A document the fake cannot read: answered as a GraphQL validation error (HTTP 400). */
export class GraphqlSyntaxError extends Error {}

const tokenPattern = /"(?:[^"\\]|\\.)*"|\.\.\.|\$?[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?|[{}():!=[\]@]/g;

export function parseOperation(document: string, variables: Readonly<Record<string, unknown>>): ParsedOperation {
  const tokens = document.replace(/#[^\n]*/g, '').match(tokenPattern) ?? [];
  let index = 0;
  const peek = () => tokens[index];
  const next = () => {
    const token = tokens[index++];
    if (token === undefined) throw new GraphqlSyntaxError('Syntax Error: Unexpected <EOF>.');
    return token;
  };
  const expect = (token: string) => {
    const found = next();
    if (found !== token) throw new GraphqlSyntaxError(`Syntax Error: Expected "${token}", found "${found}".`);
  };

  function value(): unknown {
    const token = next();
    if (token.startsWith('$')) return variables[token.slice(1)];
    if (token.startsWith('"')) return JSON.parse(token) as unknown;
    if (/^-?\d/.test(token)) return Number(token);
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    if (/^[A-Za-z_]/.test(token)) return token;
    throw new GraphqlSyntaxError(`Syntax Error: the fake supports variables and scalar literals only, found "${token}".`);
  }

  function args(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    if (peek() !== '(') return result;
    expect('(');
    while (peek() !== ')') {
      const name = next();
      expect(':');
      result[name] = value();
    }
    expect(')');
    return result;
  }

  function selectionSet(): SelectedField[] {
    expect('{');
    const fields: SelectedField[] = [];
    while (peek() !== '}') {
      const first = next();
      if (first === '...' || first === '@')
        throw new GraphqlSyntaxError('Syntax Error: fragments and directives are not supported by the fake.');
      const aliased = peek() === ':';
      if (aliased) index++;
      const name = aliased ? next() : first;
      const fieldArgs = args();
      const selection = peek() === '{' ? selectionSet() : undefined;
      fields.push({ name, responseKey: first, args: fieldArgs, ...(selection !== undefined && { selection }) });
    }
    expect('}');
    return fields;
  }

  const head = peek();
  const kind = head === 'mutation' ? 'mutation' : 'query';
  while (peek() !== undefined && peek() !== '{') index++;
  if (peek() === undefined) throw new GraphqlSyntaxError('Syntax Error: no selection set.');
  return { kind, selection: selectionSet() };
}
