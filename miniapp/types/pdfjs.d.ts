/** The pre-minified builds of pdf.js (the package's `main` is the unminified one); same API and types. */
declare module 'pdfjs-dist/build/pdf.min.mjs' {
  export * from 'pdfjs-dist';
}

/** pdf.js's worker half, run on the main thread when set as `globalThis.pdfjsWorker`. */
declare module 'pdfjs-dist/build/pdf.worker.min.mjs' {
  export const WorkerMessageHandler: unknown;
}
