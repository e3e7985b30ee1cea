/**
 * DynamoDB condition expressions, for the loopback table: comparisons (= <> < <= > >=),
 * attribute_exists / attribute_not_exists, AND, OR, NOT and parentheses, over top-level attributes
 * named plainly or through `#name` placeholders, with `:value` placeholders. An expression outside
 * that grammar, or a placeholder that is not defined, is a ValidationException, as at AWS.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type Item = Record<string, AttributeValue>;
export type Condition = (item: Item | undefined) => boolean;

export class ExpressionError extends Error {
  override name = 'ValidationException';
}

const TOKEN = /\s*(<>|<=|>=|[=<>(),]|[#:]?[A-Za-z_][\w]*)/y;

export function parseCondition(
  expression: string,
  names: Record<string, string> = {},
  values: Item = {},
): Condition {
  const tokens = tokenize(expression);
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token.toUpperCase() !== expected)) {
      throw new ExpressionError(
        `Invalid ConditionExpression: expected ${expected ?? 'a token'} in "${expression}"`,
      );
    }
    return token;
  };
  const attribute = (token: string) => {
    if (!token.startsWith('#')) return token;
    const name = names[token];
    if (name === undefined)
      throw new ExpressionError(
        `An expression attribute name used in the document path is not defined; attribute name: ${token}`,
      );
    return name;
  };
  const operand = (): ((item: Item | undefined) => AttributeValue | undefined) => {
    const token = take();
    if (token.startsWith(':')) {
      const value = values[token];
      if (value === undefined)
        throw new ExpressionError(
          `An expression attribute value used in expression is not defined; attribute value: ${token}`,
        );
      return () => value;
    }
    const name = attribute(token);
    return (item) => item?.[name];
  };
  const primary = (): Condition => {
    const token = peek();
    if (token === '(') {
      take('(');
      const inner = or();
      take(')');
      return inner;
    }
    if (token?.toUpperCase() === 'NOT') {
      take();
      const inner = primary();
      return (item) => !inner(item);
    }
    if (token === 'attribute_exists' || token === 'attribute_not_exists') {
      take();
      take('(');
      const name = attribute(take());
      take(')');
      const exists = (item: Item | undefined) => item?.[name] !== undefined;
      return token === 'attribute_exists' ? exists : (item) => !exists(item);
    }
    const left = operand();
    const comparator = take();
    const right = operand();
    return (item) => compare(left(item), comparator, right(item));
  };
  const and = (): Condition => {
    let condition = primary();
    while (peek()?.toUpperCase() === 'AND') {
      take();
      const [a, b] = [condition, primary()];
      condition = (item) => a(item) && b(item);
    }
    return condition;
  };
  const or = (): Condition => {
    let condition = and();
    while (peek()?.toUpperCase() === 'OR') {
      take();
      const [a, b] = [condition, and()];
      condition = (item) => a(item) || b(item);
    }
    return condition;
  };
  const condition = or();
  if (at !== tokens.length)
    throw new ExpressionError(`Invalid ConditionExpression: unexpected "${tokens[at]}"`);
  return condition;
}

function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.trimEnd().length) {
    const match = TOKEN.exec(expression);
    if (match === null)
      throw new ExpressionError(`Invalid ConditionExpression: syntax error in "${expression}"`);
    tokens.push(match[1] as string);
  }
  return tokens;
}

/** Values of different types never compare; numbers compare as numbers, strings by code point. */
function compare(
  left: AttributeValue | undefined,
  comparator: string,
  right: AttributeValue | undefined,
): boolean {
  if (left === undefined || right === undefined) return comparator === '<>' && left !== right;
  const [type] = Object.keys(left);
  if (type !== Object.keys(right)[0] || (type !== 'S' && type !== 'N')) {
    return comparator === '<>'
      ? JSON.stringify(left) !== JSON.stringify(right)
      : comparator === '=' && JSON.stringify(left) === JSON.stringify(right);
  }
  const a = type === 'N' ? Number(left.N) : (left.S as string);
  const b = type === 'N' ? Number(right.N) : (right.S as string);
  switch (comparator) {
    case '=':
      return a === b;
    case '<>':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      throw new ExpressionError(`Invalid ConditionExpression: unknown comparator "${comparator}"`);
  }
}
