/**
 * What a copied temporary password is written as, per OS: the text plus the
 * formats clipboard managers and OS clipboard history honour as "do not keep"
 * (Windows' clipboard-history formats, macOS's nspasteboard.org ConcealedType,
 * KDE Klipper's password-manager hint, as KeePassXC and Bitwarden write them). The Electron glue puts these entries
 * in ONE ClipboardItem so the system clipboard gets them atomically; no Electron
 * here, so it is unit-tested under Node.
 *
 * Raw platform formats go through Electron's custom MIME type
 * `electron application/osclipboard;format="<name>"`.
 */
export const osFormat = (name: string): string => `electron application/osclipboard;format="${name}"`;

/** A DWORD 0 (4 bytes, little-endian): "no" for the Windows clipboard-history formats. */
const DWORD_ZERO = new Uint8Array(4);

export type ClipboardEntries = Record<string, string | Uint8Array>;

export function secretClipboardEntries(platform: NodeJS.Platform, text: string): ClipboardEntries {
  const entries: ClipboardEntries = { 'text/plain': text };
  switch (platform) {
    case 'win32':
      // Clipboard history (Win+V), cloud clipboard and monitors skip the copy.
      entries[osFormat('ExcludeClipboardContentFromMonitorProcessing')] = DWORD_ZERO;
      entries[osFormat('CanIncludeInClipboardHistory')] = DWORD_ZERO;
      entries[osFormat('CanUploadToCloudClipboard')] = DWORD_ZERO;
      break;
    case 'darwin':
      // nspasteboard.org convention, honoured by Maccy, Alfred, Raycast, Paste.
      entries[osFormat('org.nspasteboard.ConcealedType')] = '';
      break;
    default:
      // KDE Klipper (and clipboard managers that follow it) do not store it.
      entries[osFormat('x-kde-passwordManagerHint')] = 'secret';
      break;
  }
  return entries;
}
