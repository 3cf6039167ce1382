import { fileTypeFromBuffer } from 'file-type';
import type { ContentSniffer } from '../../domain/ports/contentSniffer.js';

/** Magic-number detection with the file-type library; text formats (HTML, CSV, …) are not recognised by it. */
export const fileTypeSniffer: ContentSniffer = {
  async detect(head) {
    return (await fileTypeFromBuffer(head))?.mime;
  },
};
