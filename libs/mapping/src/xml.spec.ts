import { describe, expect, it } from '@jest/globals';
import { MAX_XML_DEPTH, MAX_XML_ELEMENTS, XmlParseError, isWellFormedXml, parseXml } from './index.js';

describe('parseXml', () => {
  it('builds a small tree with local names, attributes and text', () => {
    const root = parseXml('<?xml version="1.0"?>\n<!-- c --><a:root xmlns:a="urn:a" a:id="1&amp;2"><a:child>x &lt; y</a:child><leaf/></a:root>\n');
    expect(root).toEqual({
      name: 'a:root',
      localName: 'root',
      attributes: { 'xmlns:a': 'urn:a', 'a:id': '1&2' },
      text: '',
      children: [
        { name: 'a:child', localName: 'child', attributes: {}, children: [], text: 'x < y' },
        { name: 'leaf', localName: 'leaf', attributes: {}, children: [], text: '' },
      ],
    });
  });

  it.each<[string, RegExp]>([
    ['<!DOCTYPE a><a/>', /DOCTYPE/],
    ['<!doctype a><a/>', /DOCTYPE/],
    ['<a><!ENTITY x "y"></a>', /ENTITY/],
    ['<a>', /not well-formed/],
    ['<a></b>', /not well-formed/],
    ['<a/><b/>', /more than one root/],
    ['<a/>trailing', /text outside the root/],
    ['just text', /not well-formed|text outside/],
    ['<a>&unknown;</a>', /not well-formed/],
    ['<a/></gatehouse-xml-wrapper><b/>', /unexpected/],
    ['', /no root element/],
  ])('refuses %j', (text, message) => {
    expect(() => parseXml(text)).toThrow(XmlParseError);
    expect(() => parseXml(text)).toThrow(message);
  });

  it(`accepts ${MAX_XML_ELEMENTS} elements and refuses one more, with a message saying so`, () => {
    const flat = (n: number) => `<r>${'<e/>'.repeat(n - 1)}</r>`;
    expect(parseXml(flat(MAX_XML_ELEMENTS)).children).toHaveLength(MAX_XML_ELEMENTS - 1);
    expect(() => parseXml(flat(MAX_XML_ELEMENTS + 1))).toThrow(
      new XmlParseError(`XML with more than ${MAX_XML_ELEMENTS} elements is not accepted (a single user or group needs far fewer)`),
    );
  });

  it(`accepts elements nested ${MAX_XML_DEPTH} deep and refuses one level more, with a message saying so`, () => {
    const nested = (depth: number) => `${'<a b="/>">'.repeat(depth)}x${'</a>'.repeat(depth)}`;
    let element = parseXml(nested(MAX_XML_DEPTH));
    for (let level = 1; level < MAX_XML_DEPTH; level++) element = element.children[0]!;
    expect(element.text).toBe('x');
    expect(() => parseXml(nested(MAX_XML_DEPTH + 1))).toThrow(new XmlParseError(`XML nested more than ${MAX_XML_DEPTH} elements deep is not accepted`));
    // Siblings do not add up: only nesting counts.
    expect(parseXml(`<r>${nested(MAX_XML_DEPTH - 1).repeat(15)}</r>`).children).toHaveLength(15);
  });

  it('isWellFormedXml answers without throwing', () => {
    expect(isWellFormedXml('<a b="c"/>')).toBe(true);
    expect(isWellFormedXml('<a b=c/>')).toBe(false);
  });
});
