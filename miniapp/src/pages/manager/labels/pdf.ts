type PdfJs = typeof import('pdfjs-dist');

let loading: Promise<PdfJs> | null = null;

/**
 * pdf.js is loaded only when a label sheet is previewed, so no other page (the reporter's above all)
 * downloads it. Its "worker" half runs on the main thread (`globalThis.pdfjsWorker`): drawing one page
 * is quick, and a real worker would need the server to send `.mjs` files as JavaScript.
 */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= Promise.all([
    import(/* webpackChunkName: "pdfjs" */ 'pdfjs-dist/build/pdf.min.mjs'),
    import(/* webpackChunkName: "pdfjs-worker" */ 'pdfjs-dist/build/pdf.worker.min.mjs'),
  ])
    .then(([pdfjs, worker]) => {
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      return pdfjs;
    })
    .catch((error: unknown) => {
      loading = null; // a failed chunk download may succeed on the next try
      throw error;
    });
  return loading;
}

/** Draws page 1 of the PDF into the canvas, `cssWidth` CSS pixels wide (sharp on high-DPI screens); answers the page count. */
export async function renderFirstPage(data: Blob, canvas: HTMLCanvasElement, cssWidth: number): Promise<number> {
  const pdfjs = await loadPdfJs();
  const doc = await pdfjs.getDocument({ data: new Uint8Array(await data.arrayBuffer()) }).promise;
  try {
    const page = await doc.getPage(1);
    const unscaled = page.getViewport({ scale: 1 });
    const ratio = window.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: (cssWidth / unscaled.width) * ratio });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${cssWidth}px`;
    canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    await page.render({ canvasContext: context, viewport }).promise;
    return doc.numPages;
  } finally {
    void doc.destroy();
  }
}
