// fontkit (pdfkit's font engine) ships no types; the pack only hands parsed fonts to pdfkit.
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): unknown
}
