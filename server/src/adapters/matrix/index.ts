export { MatrixChatRooms, type MatrixChatRoomsOptions } from './matrixRooms.js';
export { MatrixError, NETWORK_ERRCODE, TIMEOUT_ERRCODE, isMatrixError } from './matrixErrors.js';
export { CREATOR_POWER_LEVEL } from './matrixState.js';
export { MatrixChatDevices, type MatrixChatDevicesOptions } from './matrixDevices.js';
export { MatrixChatRecords, type MatrixChatRecordsOptions } from './matrixRecords.js';
