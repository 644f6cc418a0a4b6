/** The part of xml-writer (untyped CommonJS) the exports use. */
declare module 'xml-writer' {
  export default class XMLWriter {
    /** `indent`: true or the indentation string for pretty output. */
    constructor(indent?: boolean | string);
    startDocument(version?: string, encoding?: string): this;
    endDocument(): this;
    startElement(name: string): this;
    endElement(): this;
    writeElement(name: string, content: string): this;
    /** Text content of the open element (`&`, `<`, `>` escaped). */
    text(content: string): this;
    /** Escapes `&`, `<`, `"`, tabs and line breaks; an empty string writes nothing. */
    writeAttribute(name: string, value: string | number): this;
    toString(): string;
  }
}
