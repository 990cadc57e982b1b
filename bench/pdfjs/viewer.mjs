// Draws every page of the PDF (?file=, default bulletin.pdf) fitted to the window width,
// with a text layer; sets window.__pdfDone when all pages are drawn.
import * as pdfjs from './build/pdf.min.mjs';

pdfjs.GlobalWorkerOptions.workerSrc = new URL('./build/pdf.worker.min.mjs', import.meta.url).href;
const file = new URLSearchParams(location.search).get('file') || 'bulletin.pdf';
const doc = await pdfjs.getDocument({ url: file }).promise;
const container = document.getElementById('pages');
const width = Math.min(document.documentElement.clientWidth - 16, 900);
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const unscaled = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: width / unscaled.width });
  const ratio = window.devicePixelRatio || 1;
  const div = document.createElement('div');
  div.className = 'page';
  div.style.width = `${viewport.width}px`;
  div.style.height = `${viewport.height}px`;
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  const text = document.createElement('div');
  text.className = 'textLayer';
  div.append(canvas, text);
  container.append(div);
  await page.render({
    canvasContext: canvas.getContext('2d'),
    viewport,
    transform: ratio === 1 ? null : [ratio, 0, 0, ratio, 0, 0],
  }).promise;
  text.style.setProperty('--scale-factor', viewport.scale);
  await new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport }).render();
}
window.__pdfDone = true;
