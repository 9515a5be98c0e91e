/** Reading a request's parameters: what the protocol promises, checked; anything else is BadParams (answered with InvalidParams). */
import type { Position, Range } from 'vscode-languageserver/node';
import { MAX_QUERY_CHARS } from '../protocol';

/** A request whose parameters are not what the protocol says: answered with InvalidParams. */
export class BadParams extends Error {}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

export function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/** textDocument.uri of the params. */
export function uriOf(params: unknown): string {
  const uri = isObject(params) && isObject(params.textDocument) ? params.textDocument.uri : undefined;
  if (typeof uri !== 'string') throw new BadParams('expected textDocument.uri (a string)');
  return uri;
}

export function queryOf(params: unknown, name: string, required: boolean): string {
  const query = isObject(params) ? params.query : undefined;
  if (typeof query !== 'string') {
    if (required) throw new BadParams(name);
    return '';
  }
  if (query.length > MAX_QUERY_CHARS) throw new BadParams(`the query is ${query.length} characters; the limit is ${MAX_QUERY_CHARS}`);
  return query;
}

export function positionOf(params: unknown): Position {
  const p = isObject(params) ? params.position : undefined;
  if (!isObject(p) || !isCount(p.line) || !isCount(p.character)) throw new BadParams('expected position {line, character} with non-negative integers');
  return { line: p.line, character: p.character };
}

export function rangeOf(params: unknown): Range {
  const r = isObject(params) ? params.range : undefined;
  if (!isObject(r)) throw new BadParams('expected range {start, end}');
  return { start: positionOf({ position: r.start }), end: positionOf({ position: r.end }) };
}
