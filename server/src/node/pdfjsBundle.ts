/**
 * pdf.js for Node (the legacy build of pdfjs-dist 4.x, which runs on Node 20), with its worker in
 * the same thread. Built into dist/lib/pdfjs.js and required only when a PDF is imported.
 */
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as worker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';

// pdf.js looks for a worker already loaded in this thread under this global before it tries to start one.
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;

export { pdfjs };
