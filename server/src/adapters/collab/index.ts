export {
  proseMirrorJsonToHtml,
  replaceTextContent,
  starterKitRenderer,
  textFragmentName,
  yjsStateToProseMirrorJson,
} from './textRendering.js';
