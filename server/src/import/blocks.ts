/** What every importer reads a document into: headings, paragraphs and list items, in reading order, with where each came from. */
export type BlockKind = 'heading' | 'paragraph' | 'item';

export interface Block {
  kind: BlockKind;
  /** The block's text as extracted (whitespace inside is collapsed by the converter). */
  text: string;
  /** Offsets of the block in the source the importer read (the HTML file, the PDF's extracted text, the pasted text). */
  start: number;
  end: number;
}

/** What the document says about itself besides its blocks (HTML <title> and canonical URL, PDF metadata, running heads). */
export interface DocumentMeta {
  title?: string;
  url?: string;
  /** Other text that may name the edition, such as a PDF's running heads ("2023 TRAFFICKING IN PERSONS REPORT"). */
  hints?: string[];
}

export type SourceFormat = 'html' | 'pdf' | 'text';
