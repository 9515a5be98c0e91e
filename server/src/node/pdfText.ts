import type { Block, DocumentMeta } from '../import/blocks';
export async function pdfBlocks(_bytes: Buffer, name: string, _o: { maxPages: number }): Promise<{ blocks: Block[]; meta: DocumentMeta } | { problem: string }> {
  return { problem: `${name}: PDF not yet supported` };
}
