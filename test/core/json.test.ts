import { expect } from 'chai';
import { JsonSyntaxError, MAX_JSON_DEPTH, parseJson, parseJsonPrefix } from '../../lib/json/parseJson.js';
import { quoteJsonString, stringifyJson } from '../../lib/json/stringifyJson.js';
import type { JsonObject } from '../../lib/json/jsonValue.js';

function syntaxError(text: string): JsonSyntaxError {
  try {
    parseJson(text);
  } catch (error) {
    expect(error).to.be.instanceOf(JsonSyntaxError);
    return error as JsonSyntaxError;
  }
  throw new Error(`expected ${text} to fail`);
}

describe('parseJson', () => {
  it('keeps integers beyond 2^53 exact as bigint, INT64_MIN and UINT64_MAX included', () => {
    expect(parseJson('[-9223372036854775808, 18446744073709551615, 9007199254740993]')).to.deep.equal([
      -9223372036854775808n,
      18446744073709551615n,
      9007199254740993n,
    ]);
  });

  it('keeps safe integers, including the largest, as numbers', () => {
    expect(parseJson('[9007199254740991, -9007199254740991, 0, -0, 1234567890123456]')).to.deep.equal([
      9007199254740991, -9007199254740991, 0, -0, 1234567890123456,
    ]);
  });

  it('reads floats and exponents as numbers, even when they look large', () => {
    expect(parseJson('[1.5, -0.25, 1e3, 2E-2, 12345678901234567890.0, 1e400]')).to.deep.equal([1.5, -0.25, 1000, 0.02, 12345678901234567890, Infinity]);
  });

  it('decodes string escapes, unicode escapes and surrogate pairs', () => {
    expect(parseJson(String.raw`"a\"b\\c\/d\n\t\u00e9\ud83d\ude00"`)).to.equal('a"b\\c/d\n\té😀');
    expect(parseJson('"plain é"')).to.equal('plain é');
  });

  it('keeps a "__proto__" key as an ordinary own property', () => {
    const value = parseJson('{"__proto__": {"polluted": true}, "a": 1}') as JsonObject;
    expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).to.equal(true);
    expect(value.__proto__).to.deep.equal({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('parses nested objects, arrays and literals with whitespace', () => {
    expect(parseJson(' {\n\t"a": [true, false, null, {}], "b": {"c": []} } ')).to.deep.equal({ a: [true, false, null, {}], b: { c: [] } });
  });

  it('keeps the last value of a duplicate key', () => {
    expect(parseJson('{"a": 1, "a": 2}')).to.deep.equal({ a: 2 });
  });

  it(`parses nesting up to ${MAX_JSON_DEPTH} levels and refuses deeper with a JsonSyntaxError, never a RangeError`, () => {
    const nested = (depth: number): string => `${'[{"a":'.repeat(depth / 2)}1${'}]'.repeat(depth / 2)}`;
    expect(() => parseJson(nested(MAX_JSON_DEPTH))).to.not.throw();
    const error = syntaxError(nested(MAX_JSON_DEPTH + 2));
    expect(error.message).to.equal(`arrays and objects nested deeper than ${MAX_JSON_DEPTH} levels at position ${6 * (MAX_JSON_DEPTH / 2)}`);
    expect(syntaxError('['.repeat(1_000_000)).position).to.equal(MAX_JSON_DEPTH);
    expect(() => parseJsonPrefix('{"a":'.repeat(100_000))).to.throw(JsonSyntaxError);
  });

  const failures: [string, string, number][] = [
    ['{"a": 1,, }', "expected a string key", 8],
    ['[1, 2', "expected ',' or ']'", 5],
    ['{"a" 1}', "expected ':'", 5],
    ['01', 'leading zero in number', 0],
    ['"abc', 'unterminated string', 0],
    ['[1.]', 'expected a digit after the decimal point', 3],
    ['tru', 'expected true', 0],
    ['{"a": 1} x', 'unexpected text after the JSON value', 9],
    ['', 'unexpected end of JSON', 0],
    ['"\\x"', 'invalid escape in string', 0],
    ['"a\nb"', 'control character in string', 2],
    ['-', 'expected a digit', 1],
  ];
  for (const [text, message, position] of failures) {
    it(`rejects ${JSON.stringify(text)} with "${message}" at position ${position}`, () => {
      const error = syntaxError(text);
      expect(error.position).to.equal(position);
      expect(error.message).to.equal(`${message} at position ${position}`);
    });
  }
});

describe('parseJsonPrefix', () => {
  it('returns the first value and where it ended, ignoring what follows', () => {
    expect(parseJsonPrefix('  {"a": [1]}\u0000garbage')).to.deep.equal({ value: { a: [1] }, end: 12 });
  });
});

describe('stringifyJson', () => {
  const value: JsonObject = { b: [1, 2.5, -9223372036854775808n], a: { z: null, y: 'é"' }, c: 18446744073709551615n, e: [], d: {} };

  it('writes isxcore layout: 4-space indent and byte-wise sorted keys', () => {
    expect(stringifyJson({ b: 1, a: { d: [1, 2], c: true }, B: [] }, { indent: 4, sortKeys: true })).to.equal(
      '{\n    "B": [],\n    "a": {\n        "c": true,\n        "d": [\n            1,\n            2\n        ]\n    },\n    "b": 1\n}',
    );
  });

  it('round-trips bigint and every JSON type through parseJson, compact and indented', () => {
    expect(parseJson(stringifyJson(value))).to.deep.equal(value);
    expect(parseJson(stringifyJson(value, { indent: 4, sortKeys: true }))).to.deep.equal(value);
  });

  it('writes bigint digits exactly and non-finite numbers as null', () => {
    expect(stringifyJson([-9223372036854775808n, NaN, Infinity])).to.equal('[-9223372036854775808,null,null]');
  });

  it('writes every UTF-16 code unit in a string as quoteJsonString does, alone and in a surrogate pair', () => {
    const strings = Array.from({ length: 0x10000 }, (_, unit) => `a${String.fromCharCode(unit)}b`);
    strings.push('😀', '\ud83d', 'x'.repeat(1000));
    expect(strings.filter((text) => stringifyJson(text) !== quoteJsonString(text))).to.deep.equal([]);
  });
});
