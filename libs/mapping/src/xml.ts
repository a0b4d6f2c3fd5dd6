// The only module that touches xml2js. Everything else works on XmlElement, so swapping the
// parser later means changing this file alone.
import xml2js from 'xml2js';
import { XmlParseError } from './errors.js';

export interface XmlElement {
  /** Qualified tag name as written, e.g. `ns:user`. */
  name: string;
  /** Tag name without namespace prefix, e.g. `user`. */
  localName: string;
  /** Attributes by qualified name, entity references already decoded. */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (CDATA included), untrimmed. */
  text: string;
}

// A synthetic wrapper lets xml2js report content after the root element (a second root, stray
// text) instead of silently stopping at the first root's end tag.
const WRAPPER = 'gatehouse-xml-wrapper';
const XML_DECLARATION = /^\uFEFF?\s*<\?xml[^?]*\?>/;
// DOCTYPE and ENTITY declarations are what entity-expansion ("billion laughs") and external
// entity attacks need, and no provisioning API needs them, so any document naming them is refused.
const FORBIDDEN = /<!(DOCTYPE|ENTITY)/i;

/**
 * Elements an XML document may nest. Provisioning APIs answer a few levels deep (a SOAP envelope
 * around a user is under ten); without a bound, a 1 MB body of 140,000 nested elements took the
 * parser and the tree built from it over a second of event-loop time.
 */
export const MAX_XML_DEPTH = 64;

/**
 * Elements one XML document may hold. XML is read for single resources and error bodies only
 * (list operations need JSON), which hold tens of elements; the parser builds about 40,000
 * elements a second here, so a 1 MB answer of tiny elements held the event loop for a second.
 * At this bound a document costs at most a few tens of milliseconds (docs/performance.md).
 */
export const MAX_XML_ELEMENTS = 1000;

const PARSER_OPTIONS = {
  async: false,
  strict: true,
  explicitRoot: true,
  explicitArray: true,
  explicitChildren: true,
  preserveChildrenOrder: true,
  charsAsChildren: false,
  explicitCharkey: true,
  charkey: '_',
  attrkey: '$',
  childkey: '$$',
  trim: false,
  normalize: false,
  xmlns: false,
} as const;

interface RawNode {
  '#name'?: string;
  _?: string;
  $?: Record<string, string>;
  $$?: RawNode[];
}

export function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}

function toElement(raw: RawNode): XmlElement {
  const name = raw['#name'] ?? '';
  return {
    name,
    localName: localName(name),
    attributes: { ...(raw.$ ?? {}) },
    children: (raw.$$ ?? []).map(toElement),
    text: typeof raw._ === 'string' ? raw._ : '',
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/**
 * Parses one XML document into an XmlElement tree. Synchronous: xml2js with async:false calls
 * back before parseString returns. Throws XmlParseError for DOCTYPE/ENTITY, malformed XML,
 * or anything other than exactly one root element (comments and processing instructions aside).
 */
export function parseXml(text: string): XmlElement {
  if (FORBIDDEN.test(text)) {
    throw new XmlParseError('XML documents with <!DOCTYPE or <!ENTITY declarations are not accepted');
  }
  const body = text.replace(XML_DECLARATION, '');
  // A document closing the wrapper itself could end parsing early and hide what follows.
  if (body.includes(`</${WRAPPER}`)) throw new XmlParseError(`not well-formed XML: unexpected </${WRAPPER}>`);
  let result: unknown;
  let failure: unknown;
  let called = false;
  const parser = new xml2js.Parser(PARSER_OPTIONS);
  let tooBig: string | null = null;
  countElements(parser, (problem) => {
    tooBig = problem;
  });
  try {
    parser.parseString(`<${WRAPPER}>${body}</${WRAPPER}>`, (error: unknown, value: unknown) => {
      // xml2js may report a late error after a result; the first answer wins.
      if (called) return;
      called = true;
      failure = error;
      result = value;
    });
  } catch (error) {
    failure ??= error;
  }
  if (tooBig !== null) throw new XmlParseError(tooBig);
  if (failure) {
    const detail = failure instanceof Error ? failure.message : String(failure);
    throw new XmlParseError(`not well-formed XML: ${firstLine(detail)}`);
  }
  if (!called) throw new XmlParseError('not well-formed XML: the parser did not finish');
  const wrapper = (result as Record<string, RawNode> | null)?.[WRAPPER];
  if (!wrapper) throw new XmlParseError('not well-formed XML: no root element');
  if ((wrapper._ ?? '').trim() !== '') throw new XmlParseError('not well-formed XML: text outside the root element');
  const roots = wrapper.$$ ?? [];
  if (roots.length === 0) throw new XmlParseError('not well-formed XML: no root element');
  if (roots.length > 1) throw new XmlParseError('not well-formed XML: more than one root element');
  return toElement(roots[0]);
}

interface SaxHooks {
  onopentag: (node: unknown) => void;
  onclosetag: (name: string) => void;
}

/**
 * Stops the parse (by throwing from its callback) once elements nest deeper than MAX_XML_DEPTH
 * or there are more than MAX_XML_ELEMENTS of them.
 */
function countElements(parser: xml2js.Parser, onTooBig: (problem: string) => void): void {
  const sax = (parser as unknown as { saxParser: SaxHooks }).saxParser;
  const open = sax.onopentag.bind(sax);
  const close = sax.onclosetag.bind(sax);
  // The wrapper element is one level, and one element, of its own.
  let depth = -1;
  let elements = -1;
  sax.onopentag = (node) => {
    if (++depth > MAX_XML_DEPTH) {
      onTooBig(`XML nested more than ${MAX_XML_DEPTH} elements deep is not accepted`);
      throw new Error('too deep');
    }
    if (++elements > MAX_XML_ELEMENTS) {
      onTooBig(`XML with more than ${MAX_XML_ELEMENTS} elements is not accepted (a single user or group needs far fewer)`);
      throw new Error('too many elements');
    }
    open(node);
  };
  sax.onclosetag = (name) => {
    depth--;
    close(name);
  };
}

/** True when text parses as one well-formed XML document (DOCTYPE refused). */
export function isWellFormedXml(text: string): boolean {
  try {
    parseXml(text);
    return true;
  } catch {
    return false;
  }
}
