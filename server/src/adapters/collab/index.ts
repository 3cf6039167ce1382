export {
  proseMirrorJsonToHtml,
  starterKitRenderer,
  textFragmentName,
  yjsStateToProseMirrorJson,
} from './textRendering.js';
