/**
 * Reads the comma-separated whole numbers of one packed field into `out` (NaN for an empty field), without a
 * substring per number. Throws on anything else, so a change to the SQL cannot be misread silently.
 */
export function readNumbers(text: string, out: Float64Array): void {
  let pos = 0
  for (let field = 0; field < out.length; field++) {
    let value = Number.NaN
    if (pos < text.length && text.charCodeAt(pos) !== 44) {
      const negative = text.charCodeAt(pos) === 45
      if (negative) pos++
      let n = 0
      let digits = 0
      for (; pos < text.length; pos++) {
        const c = text.charCodeAt(pos) - 48
        if (c === 44 - 48) break
        if (c < 0 || c > 9) throw new Error(`Packed ticket numbers "${text}": not a whole number at ${pos}`)
        n = n * 10 + c
        digits++
      }
      if (digits === 0) throw new Error(`Packed ticket numbers "${text}": an empty number at ${pos}`)
      value = negative ? -n : n
    }
    out[field] = value
    if (field < out.length - 1) {
      if (text.charCodeAt(pos) !== 44) throw new Error(`Packed ticket numbers "${text}": ${out.length} fields expected`)
      pos++
    }
  }
  if (pos !== text.length) throw new Error(`Packed ticket numbers "${text}": ${out.length} fields expected`)
}

