// Typed errors so callers (API preview, live test, provisioning) can tell a bad template or a
// surprising response apart from a programming error, and point the user at the offending field.

/** Base class: every engine error names the place it concerns with a dotted path. */
export class MappingEngineError extends Error {
  readonly path: string;

  constructor(path: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.path = path;
  }
}

/** A template could not be turned into a safe request (unknown placeholder, CR/LF in a header, ...). */
export class TemplateRenderError extends MappingEngineError {}

/** A response body could not be read with the mapping's response_fields. */
export class ResponseReadError extends MappingEngineError {}

/** Preview / live test context JSON was not usable. */
export class SampleContextError extends MappingEngineError {}

/** An XML document was refused or was not well-formed. */
export class XmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlParseError';
  }
}
