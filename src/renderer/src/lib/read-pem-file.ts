/** Reading a CA file the user picked, in the renderer (no Node): text, checked to hold a PEM. */
import { MAX_CA_PEM_BYTES } from '@shared/limits'

export type PemRead = { ok: true; text: string } | { ok: false; message: string }

/** The file's text when it is a PEM bundle of acceptable size, else why not. */
export function readPemFile(file: File): Promise<PemRead> {
  if (file.size > MAX_CA_PEM_BYTES)
    return Promise.resolve({ ok: false, message: `${file.name} is larger than 256 KB.` })
  return new Promise((resolve) => {
    const reader = new FileReader()
    reader.onload = () => {
      const text = typeof reader.result === 'string' ? reader.result : ''
      resolve(
        text.includes('-----BEGIN CERTIFICATE-----')
          ? { ok: true, text }
          : {
              ok: false,
              message: `${file.name} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`
            }
      )
    }
    reader.onerror = () => resolve({ ok: false, message: `${file.name} could not be read.` })
    reader.readAsText(file)
  })
}

/** The first file of a file input's change event, clearing the input so the same file can be picked again. */
export function takePickedFile(event: Event): File | undefined {
  const input = event.target as HTMLInputElement
  const file = input.files?.[0]
  input.value = ''
  return file
}
