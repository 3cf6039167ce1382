// The feature's public entry: the app reaches it only through this file.
export { StatusView } from './StatusView';
